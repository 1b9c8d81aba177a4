import Foundation

/// A plot as a gnuplot script and its data, written as `plots/<name>.gp` and `plots/<name>.dat`.
/// The script reads the data and writes `<name>.svg` relative to the folder it runs in, so it is run
/// from within the plots folder: `cd plots && gnuplot <name>.gp`.
public struct PlotScript: Sendable, Equatable {
    /// The file name without extension.
    public var name: String
    /// The gnuplot script.
    public var script: String
    /// The data the script plots.
    public var data: String

    /// A plot from its parts.
    public init(name: String, script: String, data: String) {
        self.name = name; self.script = script; self.data = data
    }

    /// `<name>.gp`.
    public var scriptFile: String { "\(name).gp" }
    /// `<name>.dat`.
    public var dataFile: String { "\(name).dat" }
    /// `<name>.svg`.
    public var svgFile: String { "\(name).svg" }
}

/// Pieces every report plot shares: the terminal, the look, quoting.
enum GnuplotStyle {
    /// The opening of a script: a comment saying how to run it, the SVG terminal, the output file,
    /// and the house style (light grid, outward tics, no mirrored axes, legend below the plot).
    static func header(name: String, comment: String, width: Int = 760, height: Int = 470) -> String {
        """
        # \(comment)
        # Written by `mfae-lab report`. Render it from this folder: gnuplot \(name).gp
        set terminal svg size \(width),\(height) dynamic enhanced font 'sans-serif,13' linewidth 1.2 background '#ffffff'
        set output \(quoted(name + ".svg"))
        set encoding utf8
        set border 3 linecolor rgb '#555555'
        set tics nomirror out scale 0.6 textcolor rgb '#333333'
        set grid ytics linecolor rgb '#e4e4e4' linewidth 1 dashtype 1
        set grid xtics linecolor rgb '#eeeeee' linewidth 1 dashtype 1
        set key below center horizontal noenhanced samplen 2.5 spacing 1.1 width 1 height 1
        set datafile missing 'NaN'
        """
    }

    /// `text` as a gnuplot single-quoted string (no escapes inside; `'` doubled).
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `text` as a double-quoted field of a data file, readable by `xtic(n)` and `stringcolumn`.
    static func dataLabel(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "'") + "\""
    }
}
