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
                throw UsageError("--subnet-prefix takes the IPv4 length and optionally the IPv6 one, such as 16 or 16/32, not '\(text)'")
            }
            configuration.prefix = prefix
        } else if let storedPrefix, let prefix = SubnetPrefix(text: storedPrefix) {
            configuration.prefix = prefix
        }
        if let name = arguments.value("time-zone") {
            guard let clock = DayClock(name: name) else {
                throw UsageError("--time-zone takes UTC, an offset such as +09:00, or a zone name such as Asia/Tokyo, not '\(name)'")
            }
            configuration.clock = clock
        } else if let storedZone, let clock = DayClock(name: storedZone) {
            configuration.clock = clock
        }
        if hasDays, let storedPrefix, storedPrefix != configuration.prefix.text {
            throw UsageError("store \(store.path) groups subnets by /\(storedPrefix); --subnet-prefix \(configuration.prefix.text) "
                + "would mix sizes. Leave the option out, or ingest into a new store with --db NEW.db")
        }
        if hasDays, let storedZone, storedZone != configuration.clock.name {
            throw UsageError("store \(store.path) counts days in \(storedZone); --time-zone \(configuration.clock.name) "
                + "would shift them. Leave the option out, or ingest into a new store with --db NEW.db")
        }
        try store.setMeta("subnet_prefix", configuration.prefix.text)
        try store.setMeta("subnet_time_zone", configuration.clock.name)

        var signatures = SignatureSet.builtIn
        for path in (arguments.value("signatures") ?? "").split(separator: ",").map(String.init) where !path.isEmpty {
            signatures.append(try SignatureSet.load(path: path))
        }
        for issue in signatures.issues { Output.error(issue.description) }
        configuration.signatures = signatures.signatures
        return configuration
    }
}
