/// Store queries, statistics, and the Markdown, HTML and gnuplot writers.
public enum MFAEReport {}
