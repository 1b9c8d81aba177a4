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
