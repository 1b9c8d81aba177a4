/// The part of a rating split a rating belongs to.
public enum SplitPart: UInt8, Sendable, Hashable, CaseIterable {
    /// Trained on.
    case train
    /// Model and epoch selection.
    case valid
    /// Scored once, with the selected model.
    case test
}
