import Foundation
import LanternDarknet
import LanternStore
import LanternTriage

/// The subnet-monitoring options of `lantern ingest`: `--subnet-prefix`, `--signatures`, `--time-zone`.
///
/// A store keeps one prefix and one time zone: days and subnets of different ingests must line
/// up, so a store that already has subnet-day counts rejects different values.
enum SubnetIngestOptions {
    static func configuration(_ arguments: Arguments, store: Store) throws -> SubnetDayAccumulator.Configuration {
        var configuration = SubnetDayAccumulator.Configuration()
        let storedPrefix = try store.meta("subnet_prefix")
        let storedZone = try store.meta("subnet_time_zone")
        let hasDays = try store.subnetDayRange() != nil

        if let text = arguments.value("subnet-prefix") {
            guard let prefix = SubnetPrefix(text: text) else {
                throw UsageError(.subnetPrefixInvalid, ["value": text])
            }
            configuration.prefix = prefix
        } else if let storedPrefix, let prefix = SubnetPrefix(text: storedPrefix) {
            configuration.prefix = prefix
        }
        if let name = arguments.value("time-zone") {
            guard let clock = DayClock(name: name) else {
                throw UsageError(.timeZoneInvalid, ["value": name])
            }
            configuration.clock = clock
        } else if let storedZone, let clock = DayClock(name: storedZone) {
            configuration.clock = clock
        }
        if hasDays, let storedPrefix, storedPrefix != configuration.prefix.text {
            throw UsageError(.subnetPrefixMismatch, ["path": store.path, "stored": storedPrefix, "requested": configuration.prefix.text])
        }
        if hasDays, let storedZone, storedZone != configuration.clock.name {
            throw UsageError(.timeZoneMismatch, ["path": store.path, "stored": storedZone, "requested": configuration.clock.name])
        }
        try store.setMeta("subnet_prefix", configuration.prefix.text)
        try store.setMeta("subnet_time_zone", configuration.clock.name)

        var signatures = SignatureSet.builtIn
        for path in (arguments.value("signatures") ?? "").split(separator: ",").map(String.init) where !path.isEmpty {
            signatures.append(try SignatureSet.load(path: path))
        }
        for issue in signatures.issues { Output.error(issue) }
        configuration.signatures = signatures.signatures
        return configuration
    }
}
