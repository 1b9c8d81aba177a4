// swift-tools-version: 6.0
import PackageDescription

/// Dependencies flow one way: the `mfae-lab` executable → Report → Lab → Core, with Fetch (→ Core)
/// used by the executable and, for gnuplot's process runner, by Report. Every program started (git by
/// Lab, pip and gnuplot by Fetch, `mfae-lab` by the tests) goes through MFAEProcess.
let package = Package(
    name: "mfae-lab",
    products: [
        .executable(name: "mfae-lab", targets: ["mfae-lab"]),
        .library(name: "MFAECore", targets: ["MFAECore"]),
        .library(name: "MFAELab", targets: ["MFAELab"]),
        .library(name: "MFAEReport", targets: ["MFAEReport"]),
        .library(name: "MFAEFetch", targets: ["MFAEFetch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        /// Starting programs (git, gnuplot, pip; `mfae-lab` and scripts in the tests): posix_spawn with
        /// close-on-exec pipes, drained on a thread, safe when many threads start programs at once.
        .target(name: "MFAEProcess", dependencies: ["CProcessSpawn"]),
        /// glibc's spawn and pipe extensions (closefrom, chdir, pipe2), declared only under _GNU_SOURCE.
        .target(name: "CProcessSpawn"),
        /// Data, models, kernels, the trainer and metrics. No SQLite, no CLI parsing, no printing.
        .target(
            name: "MFAECore",
            dependencies: ["CKernels", .product(name: "Crypto", package: "swift-crypto")]
        ),
        /// What Swift cannot express efficiently: the thread's flush-to-zero mode (MXCSR, FPCR) and
        /// the Adam update, whose square root clang vectorises (Swift's SIMD square root is scalarised).
        .target(
            name: "CKernels",
            cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]
        ),
        /// What reaches outside the process: fetching data sets (HTTP with resume, checksums, unzip,
        /// RecBole's wheel through pip) and running external programs (pip, gnuplot). Core reads files only.
        .target(
            name: "MFAEFetch",
            dependencies: [
                "MFAECore", "MFAEProcess",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        /// Specs, grid expansion, the runner and the SQLite run store.
        .target(
            name: "MFAELab",
            dependencies: [
                "MFAECore", "MFAEProcess",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        /// Store queries → statistics → Markdown, HTML and gnuplot.
        .target(name: "MFAEReport", dependencies: ["MFAECore", "MFAELab", "MFAEFetch"]),
        /// `@main` and one file per subcommand: parsing and wiring only.
        .executableTarget(
            name: "mfae-lab",
            dependencies: [
                "MFAECore", "MFAEFetch", "MFAELab", "MFAEReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// Fixtures, the gradient checker and the golden-file helper shared by the test targets.
        .target(name: "MFAETestSupport", dependencies: ["MFAECore", "MFAEProcess"]),
        .testTarget(name: "MFAECoreTests", dependencies: ["MFAECore", "CKernels", "MFAETestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "MFAELabTests",
            dependencies: ["MFAELab", "MFAEProcess", "MFAETestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "MFAEReportTests", dependencies: ["MFAEReport", "MFAETestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "MFAEFetchTests",
            dependencies: [
                "MFAEFetch", "MFAETestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "MFAEProcessTests", dependencies: ["MFAEProcess"]),
        .testTarget(name: "CLITests", dependencies: ["MFAECore", "MFAEProcess", "MFAETestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
