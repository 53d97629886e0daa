import Foundation
import LanternDarknet
import LanternEngine
import LanternStore
import LanternTriage

/// `lantern cluster`: prototypes from a training period's subnet-day vectors, every subnet-day
/// assigned, early-warning flags raised.
enum ClusterCommand {
    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, spec: .cluster)
        if let path = arguments.value("vectors") {
            return try clusterVectorFile(path, dimension: try arguments.integer("dimension", default: 27, range: 1...4096))
        }
        var settings = SubnetClusterSettings()
        settings.prototypeCount = try arguments.integer("k", default: settings.prototypeCount, range: 2...64)
        settings.minimumWindows = try arguments.integer("min-windows", default: settings.minimumWindows, range: 1...1_000_000)
        settings.useSignatures = !arguments.has("no-signatures")
        if let name = arguments.value("linkage") {
            let accepted: [HierarchicalClustering.Linkage] = [.ward, .average, .complete]
            guard let linkage = HierarchicalClustering.Linkage(rawValue: name), accepted.contains(linkage) else {
                throw UsageError(.linkageInvalid, ["value": name])
            }
            settings.linkage = linkage
        }
        var warning = EarlyWarningSettings()
        warning.transitionThreshold = try share(arguments, "transition-threshold", default: warning.transitionThreshold)
        warning.visitThreshold = try share(arguments, "visit-threshold", default: warning.visitThreshold)

        let (from, to) = (try day(arguments, "from"), try day(arguments, "to"))
        if let from, let to, from > to {
            throw UsageError(.dateRangeReversed, ["from": arguments.value("from") ?? "", "to": arguments.value("to") ?? ""])
        }
        let store = try StoreOpening.open(arguments.value("db"), mustExist: true)
        let started = Date()
        let report = try SubnetClusterJob.run(store: store, from: from, to: to, settings: settings, warning: warning)
        let seconds = Date().timeIntervalSince(started)
        Output.line(.clusterPrototypes, ["version": report.version, "count": report.prototypes.count, "linkage": settings.linkage.rawValue,
                                         "points": report.trainingPoints,
                                         "first": DayClock.dateText(ofDay: report.trainingDays.lowerBound),
                                         "last": DayClock.dateText(ofDay: report.trainingDays.upperBound),
                                         "seconds": String(format: "%.1f", seconds)])
        if report.trainingPoints < report.eligiblePoints {
            Output.note(.clusterStrideNote, ["eligible": report.eligiblePoints, "kept": report.trainingPoints])
        }
        for prototype in report.prototypes {
            let description = report.descriptions.indices.contains(prototype.index)
                ? report.descriptions[prototype.index].text(Output.strings.prototypeVocabulary) : prototype.description
            Output.line(String(format: "  P%-2d %6d  %@", prototype.index, prototype.members, description))
        }
        let assignment = report.assignment
        Output.line(.clusterAssigned, ["subnetDays": assignment.subnetDays, "subnets": assignment.subnets, "flags": assignment.flags,
                                       "path": store.path])
        return 0
    }

    /// `--vectors FILE`: Ward clustering of raw vectors (little-endian doubles, `--dimension` per
    /// vector) with no store, timed, for `scripts/bench-subnets`. Prints the seconds and the top height.
    static func clusterVectorFile(_ path: String, dimension: Int) throws -> Int32 {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.vectorsUnreadable, ["path": path])
        }
        guard data.count % (8 * dimension) == 0, !data.isEmpty else {
            throw CommandFailure(.vectorsSize, ["path": path, "bytes": data.count, "dimension": dimension])
        }
        let values = data.withUnsafeBytes { raw in
            (0..<(data.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
        let started = Date()
        let clustering = HierarchicalClustering.ward(values: values, dimension: dimension)
        let seconds = Date().timeIntervalSince(started)
        Output.line(String(format: "ward %d vectors of dimension %d in %.3f s; top height %.12g",
                           values.count / dimension, dimension, seconds, clustering.merges.last?.height ?? 0))
        return 0
    }

    /// A `YYYY-MM-DD` option as a day number.
    static func day(_ arguments: Arguments, _ name: String) throws -> Int? {
        guard let text = arguments.value(name) else { return nil }
        guard let day = DayClock.day(ofDateText: text) else {
            throw UsageError(.dateInvalid, ["option": name, "value": text])
        }
        return day
    }

    static func share(_ arguments: Arguments, _ name: String, default fallback: Double) throws -> Double {
        guard let text = arguments.value(name) else { return fallback }
        guard let value = Double(text), value > 0, value < 1 else {
            throw UsageError(.probabilityInvalid, ["option": name, "example": fallback, "value": text])
        }
        return value
    }
}
