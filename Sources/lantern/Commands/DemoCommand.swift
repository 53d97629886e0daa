import Foundation
import LanternDarknet
import LanternStore
import LanternTriage

/// `lantern demo`: everything from nothing. Simulates two weeks of darknet traffic and a spam
/// trap's mail, ingests both, trains, learns subnet prototypes and opens the UI, so each of
/// its three screens has something to show.
enum DemoCommand {
    /// The meta key a finished demo sets, so that a run stopped half-way is built again.
    static let completeKey = "demo-complete"

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .demo)
        // Below about 1,500 packets too few subnet-days reach the windows clustering needs.
        // Checked before anything is made, so a wrong value leaves no folder behind.
        let packets = try arguments.integer("packets", default: 200_000, range: 2_000...50_000_000)
        let directory = arguments.value("dir") ?? "lantern-demo"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandFailure(.demoDirectoryIsFile, ["directory": directory])
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let capture = (directory as NSString).appendingPathComponent("demo.pcap")
        let database = (directory as NSString).appendingPathComponent("lantern.db")

        if try FileManager.default.fileExists(atPath: database) && !isUnfinished(database) {
            Output.note(.demoReusing, ["path": database, "directory": directory])
        } else {
            if FileManager.default.fileExists(atPath: database) {
                Output.note(.demoRebuilding, ["path": database])
                StoreOpening.removeFiles(of: database)
            }
            let status = try build(packets: packets, capture: capture, database: database, directory: directory)
            guard status == 0 else { return status }
        }
        if arguments.has("no-ui") { return 0 }
        var tuiWords = ["--db", database]
        if let lang = arguments.value("lang") { tuiWords += ["--lang", lang] }
        if let theme = arguments.value("theme") { tuiWords += ["--theme", theme] }
        return try TUICommand.run(tuiWords)
    }

    /// Returns whether the demo store at `path` was left by a run that stopped before the end
    /// and contains no analyst's label, so building it again loses nothing.
    static func isUnfinished(_ path: String) throws -> Bool {
        let store = try Store(path: path)
        guard try store.meta(completeKey) == nil else { return false }
        let analystMail = try store.mailLabels(includeUndone: true).contains { $0.source == "analyst" }
        return try store.allLabels().isEmpty && !analystMail
    }

    /// Simulates, ingests and clusters the darknet days, then the mail, and marks the store
    /// complete. Returns the first failing step's status.
    private static func build(packets: Int, capture: String, database: String, directory: String) throws -> Int32 {
        var configuration = TelescopeSimulator.Configuration()
        configuration.packets = packets
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
        try Store(path: database).setMeta(completeKey, "yes")
        return 0
    }
}
