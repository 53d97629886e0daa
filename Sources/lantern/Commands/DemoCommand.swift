import Foundation
import LanternDarknet
import LanternStore
import LanternTriage

/// `lantern demo`: everything from nothing. Simulates two weeks of darknet traffic and a spam
/// trap's mail, ingests both, trains, learns subnet prototypes and opens the UI, so each of
/// its three screens has something to show.
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
            // Two weeks give the subnet timeline enough days for prototypes and transitions.
            configuration.days = 14
            Output.note(.demoSimulatingDarknet, ["packets": configuration.packets, "days": configuration.days, "path": capture])
            _ = try SimulateCommand.simulate(configuration, out: capture, truthPath: SimulateCommand.truthPath(for: capture))
            Output.note(.demoIngesting, ["path": database])
            var status = try IngestCommand.run(["--db", database, capture])
            guard status == 0 else { return status }
            Output.note(.demoClustering)
            status = try ClusterCommand.run(["--db", database])
            guard status == 0 else { return status }

            let mail = (directory as NSString).appendingPathComponent("mail")
            Output.note(.demoSimulatingMail, ["path": mail])
            status = try SimulateCommand.run(["mail", "--out", mail, "--messages", "300"])
            guard status == 0 else { return status }
            status = try IngestCommand.run(["--db", database, "--reputation", mail + "/reputation.txt", mail + "/malicious", mail + "/spam"])
            guard status == 0 else { return status }
        } else {
            Output.note(.demoReusing, ["path": database, "directory": directory])
        }
        if arguments.has("no-ui") { return 0 }
        var tuiWords = ["--db", database]
        if let lang = arguments.value("lang") { tuiWords += ["--lang", lang] }
        if let theme = arguments.value("theme") { tuiWords += ["--theme", theme] }
        return try TUICommand.run(tuiWords)
    }
}
