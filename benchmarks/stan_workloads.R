# The Stan side of benchmarks/compare-stan: rstan (Debian's r-cran-rstan 2.21) NUTS, diagonal metric, Stan's
# defaults otherwise, on the 100-D independent Gaussian with scales log-spaced 0.01..100 and the non-centered eight
# schools (mu ~ N(0, 5), tau ~ half-Cauchy(0, 5), eta ~ N(0, 1), y ~ N(mu + tau eta, sigma)), chains one after
# another (cores = 1). For each workload writes OUT/stan-<id>.csv (post-warm-up draws, chain after chain, one column
# per parameter) and prints one JSON line: compile seconds, sampling wall seconds, gradient evaluations (sum of
# n_leapfrog over warm-up and sampling), the mean accept_stat__ after warm-up, and rstan's own min ess_bulk (a
# cross-check; the table's ESS is computed by astrograd's Convergence.essBulk from the CSV, the same estimator as for
# astrograd's draws).
#
#   Rscript benchmarks/stan_workloads.R OUT CHAINS WARMUP DRAWS [SEED]
suppressPackageStartupMessages(library(rstan))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
chains <- as.integer(args[2]); warmup <- as.integer(args[3]); draws <- as.integer(args[4])
seed <- if (length(args) >= 5) as.integer(args[5]) else 42L
rstan_options(auto_write = FALSE)
# Debian's r-cran-bh ships no headers (it depends on libboost-dev): point rstan at the system's Boost.
if (!nzchar(system.file("include", package = "BH"))) rstan_options(boost_lib = "/usr/include")

gauss_code <- "
data { int<lower=1> D; vector<lower=0>[D] s; }
parameters { vector[D] x; }
model { x ~ normal(0, s); }
"
schools_code <- "
data { int<lower=0> J; vector[J] y; vector<lower=0>[J] sigma; }
parameters { real mu; real<lower=0> tau; vector[J] eta; }
model {
  mu ~ normal(0, 5);
  tau ~ cauchy(0, 5);
  eta ~ normal(0, 1);
  y ~ normal(mu + tau * eta, sigma);
}
"
D <- 100L
workloads <- list(
  list(id = "gauss100", code = gauss_code,
       data = list(D = D, s = 0.01 * (100 / 0.01)^((0:(D - 1)) / (D - 1)))),
  list(id = "eight-schools-nc", code = schools_code,
       data = list(J = 8L, y = c(28, 8, -3, 7, -1, 1, 18, 12), sigma = c(15, 10, 16, 11, 9, 11, 10, 18))))

for (w in workloads) {
  t_compile <- system.time(sm <- stan_model(model_code = w$code, model_name = gsub("-", "_", w$id)))[["elapsed"]]
  t_sample <- system.time(
    fit <- sampling(sm, data = w$data, chains = chains, warmup = warmup, iter = warmup + draws, cores = 1,
                    seed = seed, refresh = 0, control = list(metric = "diag_e")))[["elapsed"]]
  sp <- get_sampler_params(fit, inc_warmup = TRUE)
  grads <- sum(sapply(sp, function(m) sum(m[, "n_leapfrog__"])))
  post <- get_sampler_params(fit, inc_warmup = FALSE)
  div <- sum(sapply(post, function(m) sum(m[, "divergent__"])))
  accept <- mean(sapply(post, function(m) mean(m[, "accept_stat__"])))
  a <- as.array(fit)  # [draw, chain, parameter], lp__ last
  pars <- setdiff(dimnames(a)[[3]], "lp__")
  rows <- do.call(rbind, lapply(seq_len(chains), function(c) a[, c, pars, drop = TRUE]))
  colnames(rows) <- pars
  write.csv(rows, file.path(out, paste0("stan-", w$id, ".csv")), row.names = FALSE)
  ess <- min(sapply(pars, function(p) ess_bulk(a[, , p])))
  el <- get_elapsed_time(fit)
  cat(sprintf(paste0('{"side": "stan", "workload": "%s", "chains": %d, "warmup": %d, "draws": %d, ',
                     '"compile_s": %.2f, "seconds": %.3f, "chain_seconds": %.3f, "gradients": %d, ',
                     '"divergences": %d, "accept": %.4f, "rstan_min_ess_bulk": %.1f}\n'),
              w$id, chains, warmup, draws, t_compile, t_sample, sum(el), as.integer(grads), as.integer(div), accept,
              ess))
}
