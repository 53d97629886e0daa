import LanternStore

/// The subnet-monitoring lines of `lantern stats`.
enum SubnetStatsLines {
    static func lines(_ store: Store) throws -> [(String, String)] {
        let counts = try store.subnetCounts()
        let set = try store.latestPrototypeSet()
        return [
            ("active subnets", String(counts.subnets)),
            ("subnet-days", String(counts.subnetDays)),
            ("prototype version", String(set?.version ?? 0)),
            ("prototypes", String(set?.prototypes.count ?? 0)),
            ("early-warning flags", String(try store.flags().count)),
        ]
    }
}
