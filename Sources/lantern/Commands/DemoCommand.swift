import Foundation
import LanternDarknet
import LanternStore
import LanternTriage

/// `lantern demo`: everything from nothing — simulate, ingest, train, open the UI.
enum DemoCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .demo)
        let directory = arguments.value("dir") ?? "lantern-demo"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let capture = (directory as NSString).appendingPathComponent("demo.pcap")
        let database = (directory as NSString).appendingPathComponent("lantern.db")

        if !FileManager.default.fileExists(atPath: database) {
            var configuration = TelescopeSimulator.Configuration()
            configuration.packets = try arguments.integer("packets", default: 200_000, range: 1_000...50_000_000)
            Output.note("simulating \(configuration.packets) darknet packets into \(capture) …")
            _ = try SimulateCommand.simulate(configuration, out: capture, truthPath: SimulateCommand.truthPath(for: capture))
            Output.note("ingesting into \(database) …")
            let status = try IngestCommand.run(["--db", database, capture])
            guard status == 0 else { return status }
        } else {
            Output.note("reusing \(database); delete \(directory) for a fresh demo")
        }
        if arguments.has("no-ui") { return 0 }
        var tuiWords = ["--db", database]
        if let lang = arguments.value("lang") { tuiWords += ["--lang", lang] }
        if let theme = arguments.value("theme") { tuiWords += ["--theme", theme] }
        return try TUICommand.run(tuiWords)
    }
}
