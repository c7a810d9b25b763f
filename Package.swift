// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "callrail-enrich",
    products: [
        .executable(name: "callrail-enrich", targets: ["callrail-enrich"]),
        .library(name: "CallRailEnrich", targets: ["CallRailEnrich"]),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CIsal",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSLCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "CallRailEnrich",
            dependencies: ["CZlib", "CIsal", "COpenSSLCrypto"]
        ),
        .executableTarget(
            name: "callrail-enrich",
            dependencies: ["CallRailEnrich"]
        ),
        .testTarget(
            name: "CallRailEnrichTests",
            dependencies: ["CallRailEnrich"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v5]
)
