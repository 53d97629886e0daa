import Foundation

/// A saved model version with what it was trained on.
public struct StoredModel: Sendable {
    public var version: Int
    public var createdAt: Double
    public var active: Bool
    public var description: String
    /// JSON object of training counts, shown by `lantern stats` and the UI.
    public var trainedOn: String
    /// Opaque encoded state of the model, written by the triage layer.
    public var state: [UInt8]
}

/// One confident backscatter detection: a victim under attack.
public struct StoredAlert: Sendable, Codable, Equatable {
    public var victim: String
    public var transport: String
    public var servicePort: Int
    public var firstSeen: Double
    public var lastSeen: Double
    public var packets: Int
    public var windows: Int
    public var score: Double
    /// Estimated packets per second the victim sent to the whole Internet: the telescope rate
    /// scaled by the share of the address space the darknet covers.
    public var attackRate: Double
    public var modelVersion: Int

    public init(victim: String, transport: String, servicePort: Int, firstSeen: Double, lastSeen: Double, packets: Int, windows: Int, score: Double, attackRate: Double, modelVersion: Int) {
        self.victim = victim
        self.transport = transport
        self.servicePort = servicePort
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.packets = packets
        self.windows = windows
        self.score = score
        self.attackRate = attackRate
        self.modelVersion = modelVersion
    }
}

extension Store {
    /// Saves a new model version and returns its number.
    public func saveModel(active: Bool, description: String, trainedOn: String, state: [UInt8]) throws -> Int {
        try database.transaction {
            try database.prepare("INSERT INTO models(created_at, active, description, trained_on, state) VALUES (?, ?, ?, ?, ?)")
                .run([.real(Date().timeIntervalSince1970), .integer(active ? 1 : 0), .text(description), .text(trainedOn), .blob(state)])
            return Int(database.lastInsertRowID)
        }
    }

    public func latestModel() throws -> StoredModel? {
        try database.prepare("SELECT version, created_at, active, description, trained_on, state FROM models ORDER BY version DESC LIMIT 1")
            .rows { StoredModel(version: Int($0.int(0)), createdAt: $0.double(1), active: $0.int(2) != 0, description: $0.text(3), trainedOn: $0.text(4), state: $0.blob(5)) }
            .first
    }

    /// Replaces the alert list with the one computed by a model version.
    public func replaceAlerts(_ alerts: [StoredAlert]) throws {
        try database.transaction {
            try database.execute("DELETE FROM alerts")
            let statement = try database.prepare("""
                INSERT INTO alerts(victim, transport, service_port, first_seen, last_seen, packets, windows, score, attack_rate, model_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for alert in alerts {
                try statement.run([
                    .text(alert.victim), .text(alert.transport), .integer(Int64(alert.servicePort)), .real(alert.firstSeen),
                    .real(alert.lastSeen), .integer(Int64(alert.packets)), .integer(Int64(alert.windows)), .real(alert.score),
                    .real(alert.attackRate), .integer(Int64(alert.modelVersion)),
                ])
            }
        }
    }

    public func alerts() throws -> [StoredAlert] {
        try database.prepare("""
            SELECT victim, transport, service_port, first_seen, last_seen, packets, windows, score, attack_rate, model_version
            FROM alerts ORDER BY first_seen, victim
            """).rows {
            StoredAlert(victim: $0.text(0), transport: $0.text(1), servicePort: Int($0.int(2)), firstSeen: $0.double(3),
                        lastSeen: $0.double(4), packets: Int($0.int(5)), windows: Int($0.int(6)), score: $0.double(7),
                        attackRate: $0.double(8), modelVersion: Int($0.int(9)))
        }
    }
}
