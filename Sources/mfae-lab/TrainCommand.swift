import ArgumentParser
import MFAECore

/// `mfae-lab train`: one model from flags, one line per epoch, final test metrics.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Train and evaluate one model.")
    func run() throws {}
}
