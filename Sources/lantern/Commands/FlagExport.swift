import LanternDarknet
import LanternStore
import LanternTriage

/// The rows of `lantern export flags`: early-warning flags of the newest prototype set, newest day first.
enum FlagExport {
    static let header = ["subnet", "day", "from_prototype", "to_prototype", "rarity", "from_description", "to_description", "reason", "prototype_version"]

    static func rows(_ store: Store) throws -> [[(String, ExportValue)]] {
        let set = try store.latestPrototypeSet()
        let descriptions = set?.prototypes.map(\.description) ?? []
        func describe(_ prototype: Int?) -> String {
            guard let prototype else { return "quiet" }
            return descriptions.indices.contains(prototype) ? descriptions[prototype] : ""
        }
        return try store.flags().map { flag in
            [
                ("subnet", .text(flag.subnet)), ("day", .text(DayClock.dateText(ofDay: flag.day))),
                ("from_prototype", .text(flag.fromPrototype.map { "P\($0)" } ?? "quiet")), ("to_prototype", .text("P\(flag.toPrototype)")),
                ("rarity", .fixed(flag.rarity, digits: 3)), ("from_description", .text(describe(flag.fromPrototype))),
                ("to_description", .text(describe(flag.toPrototype))), ("reason", .text(flag.reason)),
                ("prototype_version", .integer(flag.version)),
            ]
        }
    }
}
