import ArgumentParser
import MFAECore

extension NamedOption {
    /// Parses a command-line value, accepting `-` or `_` (`lazy-adam` or `lazy_adam`).
    public init?(argument: String) { self.init(parsing: argument) }
}

extension ModelKind: ExpressibleByArgument {}
extension EvaluationProtocol: ExpressibleByArgument {}
extension Normalization: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension Regularization: ExpressibleByArgument {}
extension Batching: ExpressibleByArgument {}
extension MovieLensFormat: ExpressibleByArgument {}
