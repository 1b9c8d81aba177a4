import ArgumentParser

/// The `mfae-lab` command: one subcommand per file in this folder.
@main
struct MFAELabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mfae-lab",
        abstract: "Train, sweep and report the matrix factorization autoencoder against classic latent MF.",
        subcommands: [TrainCommand.self, DataCommand.self, BenchCommand.self, RunCommand.self, RunsCommand.self,
                      ShowCommand.self, SimilarCommand.self, ExportCommand.self, MergeCommand.self, ReportCommand.self]
    )
}
