import MFAECore

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
