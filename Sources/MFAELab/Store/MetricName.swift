import MFAECore

/// Names of the final metrics of a run: one vocabulary for the store's `metrics` table, `train
/// --json`, `export` and reports.
public enum MetricName: String, Codable, Sendable, CaseIterable {
    /// The epoch whose parameters were kept (0 for closed-form baselines).
    case bestEpoch = "best_epoch"
    /// Epochs actually trained (early stopping may end before the maximum).
    case epochsRun = "epochs_run"
    /// Validation MSE with the kept parameters.
    case validMSE = "valid_mse"
    /// Validation RMSE with the kept parameters: what configurations are chosen by.
    case validRMSE = "valid_rmse"
    /// Validation MAE with the kept parameters.
    case validMAE = "valid_mae"
    /// Test mean squared error with the kept parameters.
    case testMSE = "test_mse"
    /// Test root mean squared error with the kept parameters.
    case testRMSE = "test_rmse"
    /// Test mean absolute error with the kept parameters.
    case testMAE = "test_mae"
    /// Number of test ratings scored.
    case testCount = "test_count"
    /// Wall seconds of the whole fit.
    case trainSeconds = "train_seconds"
    /// Median wall seconds of a training epoch (absent for closed-form baselines).
    case epochSecondsMedian = "epoch_seconds_median"
    /// Milliseconds to fold in one new user (heldout protocol only): the encoder pass of the
    /// autoencoder, the per-user ridge solve of MF.
    case foldInMillisecondsPerUser = "fold_in_ms_per_user"
    /// Number of ratings trained on.
    case trainRatings = "train_ratings"

    // End-of-run measurements (``RunMeasures``), present where they apply; see Docs/schema.md.
    // Cold start (heldout): test RMSE with only the first n given ratings of each test user, for
    // the run's model and for the item-bias + user-offset baseline on the same subsets.
    case coldRMSE1 = "cold_rmse@1"
    case coldRMSE2 = "cold_rmse@2"
    case coldRMSE3 = "cold_rmse@3"
    case coldRMSE5 = "cold_rmse@5"
    case coldRMSE10 = "cold_rmse@10"
    case coldRMSE20 = "cold_rmse@20"
    case coldRMSE50 = "cold_rmse@50"
    case coldRMSEAll = "cold_rmse@all"
    case coldBaselineRMSE1 = "cold_baseline_rmse@1"
    case coldBaselineRMSE2 = "cold_baseline_rmse@2"
    case coldBaselineRMSE3 = "cold_baseline_rmse@3"
    case coldBaselineRMSE5 = "cold_baseline_rmse@5"
    case coldBaselineRMSE10 = "cold_baseline_rmse@10"
    case coldBaselineRMSE20 = "cold_baseline_rmse@20"
    case coldBaselineRMSE50 = "cold_baseline_rmse@50"
    case coldBaselineRMSEAll = "cold_baseline_rmse@all"
    /// New users folded in per second with every core busy (heldout, latent models).
    case foldInUsersPerSecond = "fold_in_users_per_second"
    /// New users folded in per second on one thread, measured the same way.
    case foldInUsersPerSecondOneThread = "fold_in_users_per_second_1_thread"
    /// The threads of `fold_in_users_per_second`.
    case foldInThreads = "fold_in_threads"
    // Top-N with full ranking (warm, heldout), relevant = test ratings ≥ relevance_threshold.
    case recallAt10 = "recall@10"
    case ndcgAt10 = "ndcg@10"
    case mrr = "mrr"
    case coverageAt10 = "coverage@10"
    /// Test users with a relevant item (those the ranking means are over).
    case rankingUsers = "ranking_users"
    /// Test users ranked but left out of the means: no relevant test item.
    case rankingUsersWithoutRelevant = "ranking_users_without_relevant"
    /// Wall seconds of the ranking pass.
    case rankingSeconds = "ranking_seconds"
    // Item space (latent models on data with genres): genre coherence of the 10 nearest items and
    // the franchise check, beside the random and co-rating references.
    case coherenceShareEuclidean = "coherence_share_euclidean"
    case coherenceJaccardEuclidean = "coherence_jaccard_euclidean"
    case coherenceShareCosine = "coherence_share_cosine"
    case coherenceJaccardCosine = "coherence_jaccard_cosine"
    case coherenceShareRandom = "coherence_share_random"
    case coherenceJaccardRandom = "coherence_jaccard_random"
    case coherenceShareCoRating = "coherence_share_corating"
    case coherenceJaccardCoRating = "coherence_jaccard_corating"
    /// Items the coherence is averaged over.
    case coherenceItems = "coherence_items"
    case franchiseRankEuclidean = "franchise_rank_euclidean"
    case franchiseRankCosine = "franchise_rank_cosine"
    case franchiseRankRandom = "franchise_rank_random"
    case franchiseRankCoRating = "franchise_rank_corating"
    /// Ordered franchise member pairs the ranks are averaged over.
    case franchisePairs = "franchise_pairs"
    /// Wall seconds of the end-of-run measurements (not in `train_seconds`).
    case measureSeconds = "measure_seconds"

    /// The final metrics of `result`, by name. NaN values are left out, and so is the median epoch
    /// time of a closed-form baseline, which trains no epochs.
    public static func values(of result: TrainingResult) -> [MetricName: Double] {
        var values: [MetricName: Double] = [
            .bestEpoch: Double(result.bestEpoch), .epochsRun: Double(result.epochs.count),
            .validMSE: result.valid.mse, .validRMSE: result.valid.rmse, .validMAE: result.valid.mae,
            .testMSE: result.test.mse, .testRMSE: result.test.rmse, .testMAE: result.test.mae,
            .testCount: Double(result.test.count), .trainSeconds: result.trainSeconds,
            .trainRatings: Double(result.trainRatings),
        ]
        if !result.epochs.isEmpty { values[.epochSecondsMedian] = result.epochSecondsMedian }
        if let foldIn = result.foldInMillisecondsPerUser { values[.foldInMillisecondsPerUser] = foldIn }
        values.merge(result.measures?.metricValues ?? [:]) { current, _ in current }
        return values.filter { !$0.value.isNaN }
    }
}
