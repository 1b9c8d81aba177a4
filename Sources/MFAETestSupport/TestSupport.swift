import MFAECore
/// Helpers shared by the test targets: temporary folders, fixtures, the gradient checker.
public enum TestSupport {}
