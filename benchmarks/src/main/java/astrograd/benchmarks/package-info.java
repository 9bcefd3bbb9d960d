/** JMH benchmarks. */
package astrograd.benchmarks;
