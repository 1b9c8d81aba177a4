/// Specs, grid expansion, the runner and the run store.
public enum MFAELab {}
