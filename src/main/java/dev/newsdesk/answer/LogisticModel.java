package dev.newsdesk.answer;

import java.util.List;

/**
 * A fitted logistic regression over named features: {@code p = σ(bias + Σ wᵢ·(xᵢ − meanᵢ)/scaleᵢ)}.
 * Features are standardised with the mean and scale of the data it was fitted on, so the weights say
 * how much each feature counts.
 */
public record LogisticModel(List<String> features, double[] mean, double[] scale, double[] weights, double bias) {

    public LogisticModel {
        if (mean.length != features.size() || scale.length != features.size() || weights.length != features.size()) {
            throw new IllegalArgumentException("a logistic model needs one mean, scale and weight per feature");
        }
    }

    /** The logit of {@code x}, whose first values are this model's features (any after them are not weighed). */
    public double logit(double[] x) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * (x[i] - mean[i]) / scale[i];
        }
        return z;
    }

    public double probability(double[] x) {
        return 1 / (1 + Math.exp(-logit(x)));
    }

    /**
     * Fits by Newton's method (iteratively reweighted least squares) with an L2 penalty {@code lambda}
     * on the standardised weights: a few exact steps on a few thousand rows, no learning rate to tune.
     */
    public static LogisticModel fit(List<String> features, List<double[]> rows, List<Boolean> labels, double lambda) {
        return fit(features, rows, labels, null, lambda);
    }

    /** As above, each row counting {@code weights[i]} times (null: once each). */
    public static LogisticModel fit(List<String> features, List<double[]> rows, List<Boolean> labels, double[] rowWeights,
                                    double lambda) {
        int n = rows.size();
        int d = features.size();
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] < 1e-12 ? 1 : Math.sqrt(scale[j]);
        }
        // Column 0 of beta is the bias; the rest are the standardised features.
        double[] beta = new double[d + 1];
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            z[i][0] = 1;
            for (int j = 0; j < d; j++) {
                z[i][j + 1] = (rows.get(i)[j] - mean[j]) / scale[j];
            }
        }
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int j = 0; j <= d; j++) {
                    eta += beta[j] * z[i][j];
                }
                double p = 1 / (1 + Math.exp(-eta));
                double y = labels.get(i) ? 1 : 0;
                double r = rowWeights == null ? 1 : rowWeights[i];
                double w = r * Math.max(p * (1 - p), 1e-9);
                for (int j = 0; j <= d; j++) {
                    gradient[j] += r * (y - p) * z[i][j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j][k] += w * z[i][j] * z[i][k];
                    }
                }
            }
            for (int j = 1; j <= d; j++) {
                gradient[j] -= lambda * beta[j];
                hessian[j][j] += lambda;
            }
            for (int j = 0; j <= d; j++) {
                for (int k = j + 1; k <= d; k++) {
                    hessian[j][k] = hessian[k][j];
                }
            }
            double[] step = solve(hessian, gradient);
            double change = 0;
            for (int j = 0; j <= d; j++) {
                beta[j] += step[j];
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        double[] weights = new double[d];
        System.arraycopy(beta, 1, weights, 0, d);
        return new LogisticModel(List.copyOf(features), mean, scale, weights, beta[0]);
    }

    /** Solves {@code a·x = b} for a symmetric positive definite {@code a} (Cholesky). */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
