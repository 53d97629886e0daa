import Foundation
import LanternDarknet
import LanternMail

/// `lantern simulate darknet|mail`: a telescope capture and its ground truth, or the
/// folders of a spam trap.
enum SimulateCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .simulate)
        switch arguments.positionals {
        case ["darknet"]: return try runDarknet(arguments)
        case ["mail"]: return try runMail(arguments)
        default:
            throw UsageError(.simulateNeedsFeed)
        }
    }

    static func runMail(_ arguments: Arguments) throws -> Int32 {
        for option in ["packets", "darknet", "plant"] where arguments.value(option) != nil {
            throw UsageError(.simulateDarknetOnly, ["option": option])
        }
        guard let out = arguments.value("out") else {
            throw UsageError(.simulateMailNeedsOut)
        }
        var configuration = SpamTrapSimulator.Configuration()
        configuration.messages = try arguments.integer("messages", default: 300, range: 1...1_000_000)
        configuration.days = try arguments.integer("days", default: 90, range: 1...366)
        configuration.seed = UInt64(try arguments.integer("seed", default: 1, range: 0...Int.max))
        let summary = try SpamTrapSimulator(configuration: configuration).write(to: out)
        Output.note(.simulateMailWrote, ["malicious": summary.malicious, "spam": summary.spam, "domains": summary.listedDomains, "out": out])
        return 0
    }

    static func runDarknet(_ arguments: Arguments) throws -> Int32 {
        if arguments.value("messages") != nil {
            throw UsageError(.simulateMailOnly)
        }
        guard let out = arguments.value("out") else {
            throw UsageError(.simulateDarknetNeedsOut)
        }
        var configuration = TelescopeSimulator.Configuration()
        configuration.packets = try arguments.integer("packets", default: 1_000_000, range: 1...2_000_000_000)
        configuration.days = try arguments.integer("days", default: 1, range: 1...366)
        configuration.seed = UInt64(try arguments.integer("seed", default: 1, range: 0...Int.max))
        if let darknet = arguments.value("darknet") { configuration.darknet = darknet }
        if let plant = arguments.value("plant") { configuration.plantedCampaigns = [try parsePlant(plant)] }
        let truthPath = truthPath(for: out)
        let summary = try simulate(configuration, out: out, truthPath: truthPath)
        Output.note(.simulateDarknetWrote, ["packets": summary.packets, "out": out, "hosts": summary.hostsByRole.values.reduce(0, +),
                                            "truth": truthPath])
        return 0
    }

    static func simulate(_ configuration: TelescopeSimulator.Configuration, out: String, truthPath: String) throws -> SimulationSummary {
        try TelescopeSimulator(configuration: configuration).write(to: out, truthPath: truthPath)
    }

    /// FILE.pcap → FILE.truth.jsonl; any other name gets `.truth.jsonl` appended.
    static func truthPath(for capture: String) -> String {
        capture.hasSuffix(".pcap") ? String(capture.dropLast(5)) + ".truth.jsonl" : capture + ".truth.jsonl"
    }

    /// PORT/PROTO:DAY:COUNT, for example 5000/tcp:7:5.
    static func parsePlant(_ text: String) throws -> PlantedCampaign {
        let parts = text.split(separator: ":")
        let service = parts.first?.split(separator: "/") ?? []
        guard parts.count == 3, service.count == 2, let port = UInt16(service[0]),
              let proto = PlantedCampaign.TransportKind(rawValue: service[1].lowercased()),
              let day = Int(parts[1]), let count = Int(parts[2]) else {
            throw UsageError(.plantInvalid, ["value": text])
        }
        return PlantedCampaign(port: port, proto: proto, startDay: day, subnets: count)
    }
}
