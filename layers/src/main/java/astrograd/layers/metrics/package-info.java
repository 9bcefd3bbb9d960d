/**
 * Classification metrics with scikit-learn's definitions: accuracy, balanced accuracy, precision, recall,
 * F1 (binary and macro), average precision, ROC AUC (ties as sklearn) and the confusion matrix.
 */
package astrograd.layers.metrics;
