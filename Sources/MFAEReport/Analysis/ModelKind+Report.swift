import MFAECore

extension ModelKind {
    /// The order reports list models in: the autoencoder, its MF baseline, then the trivial baselines.
    public static let reportOrder: [ModelKind] = [.mfae, .mf, .itemBias, .globalMean]

    /// The name tables and plots show.
    public var displayName: String {
        switch self {
        case .mfae: return "autoencoder (mfae)"
        case .mf: return "MF (mf)"
        case .itemBias: return "item bias"
        case .globalMean: return "global mean"
        }
    }

    /// The name used inside sentences: "the autoencoder", "MF".
    public var sentenceName: String {
        switch self {
        case .mfae: return "the autoencoder"
        case .mf: return "MF"
        case .itemBias: return "the item-bias baseline"
        case .globalMean: return "the global-mean baseline"
        }
    }

    /// A short name for plot legends.
    public var shortName: String {
        switch self {
        case .mfae: return "MFAE"
        case .mf: return "MF"
        case .itemBias: return "item bias"
        case .globalMean: return "global mean"
        }
    }

    /// The colour the model has in every plot (Okabe–Ito, readable by colour-blind readers).
    var plotColor: String {
        switch self {
        case .mfae: return "#0072B2"
        case .mf: return "#D55E00"
        case .itemBias: return "#009E73"
        case .globalMean: return "#7F7F7F"
        }
    }
}

extension EvaluationProtocol {
    /// The order reports list protocols in: the standard split first, the notebook's last.
    public static let reportOrder: [EvaluationProtocol] = [.warm, .heldout, .reconstruction]

    /// One sentence on what the protocol measures.
    public var explanation: String {
        switch self {
        case .warm:
            return "the standard rating split: users are encoded from their training ratings and scored on held-out ratings."
        case .heldout:
            return "new users: half of a held-out user's ratings are folded in, the other half are scored."
        case .reconstruction:
            return "the notebook's protocol: the scored ratings are also the encoder's input, so the autoencoder sees the answers (it leaks by design)."
        }
    }

    /// The dash pattern the protocol has in every plot (gnuplot `dashtype`).
    var plotDashType: Int {
        switch self {
        case .warm: return 1
        case .heldout: return 2
        case .reconstruction: return 3
        }
    }

    /// The point shape the protocol has in every plot (gnuplot `pointtype`).
    var plotPointType: Int {
        switch self {
        case .warm: return 7
        case .heldout: return 5
        case .reconstruction: return 9
        }
    }
}
