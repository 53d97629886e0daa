/// Names that come from the analysis layer in English (feature names, queue reasons, TAP and
/// block labels) and their Japanese forms, so a Japanese screen shows no English words.
///
/// The analysis layer keeps English names because they are also stored and exported; the screen
/// translates at draw time. A name missing here is drawn as it is.
extension Strings {
    /// The term in this catalogue's language.
    public func term(_ english: String) -> String {
        guard language == .ja else { return english }
        if let exact = Strings.japaneseTerms[english] { return exact }
        if english.hasPrefix("share "), let kind = Strings.japaneseTerms[String(english.dropFirst(6))] {
            return kind + "の割合"
        }
        if english.hasPrefix("/20 #") { return "/20 第" + english.dropFirst(5) + "区画" }
        return english
    }

    static let japaneseTerms: [String: String] = [
        // Queue reasons
        "unlike any label": "未ラベルの振る舞い",
        "near boundary": "境界付近",
        "model and packet types disagree": "モデルと種別が不一致",
        "undone": "取り消し済み",
        // Baseline features
        "packets": "パケット数",
        "inter-arrival mean": "到着間隔 平均",
        "inter-arrival s.d.": "到着間隔 標準偏差",
        "source ports": "送信元ポート数",
        "packets/src port mean": "送信元ポート毎 平均",
        "packets/src port s.d.": "送信元ポート毎 標準偏差",
        "destinations": "宛先数",
        "packets/destination mean": "宛先毎 平均",
        "packets/destination s.d.": "宛先毎 標準偏差",
        "destination ports": "宛先ポート数",
        "packets/dst port mean": "宛先ポート毎 平均",
        "packets/dst port s.d.": "宛先ポート毎 標準偏差",
        "protocols": "プロトコル数",
        "payload mean": "ペイロード 平均",
        "payload s.d.": "ペイロード 標準偏差",
        "destination gap mean": "宛先間隔 平均",
        "destination gap s.d.": "宛先間隔 標準偏差",
        // Packet kinds (used as "share KIND")
        "SYN-ACK": "SYN-ACK",
        "RST": "RST",
        "ICMP error": "ICMPエラー",
        "ICMP reply": "ICMP応答",
        "DNS response": "DNS応答",
        "SYN": "SYN",
        "DNS query": "DNS問合せ",
        "ICMP request": "ICMP要求",
        "TCP other": "その他TCP",
        "UDP other": "その他UDP",
        "other": "その他",
        // Extended features
        "top source port share": "最多送信元ポートの割合",
        "dst ports/packet": "宛先ポート/パケット",
        "src ports/packet": "送信元ポート/パケット",
        "destinations/packet": "宛先/パケット",
        "host windows": "ホストの窓数",
        "host packets": "ホストのパケット数",
        "host dst port diversity": "ホスト宛先ポート多様度",
        "host src port diversity": "ホスト送信元ポート多様度",
        "host destination diversity": "ホスト宛先多様度",
        "host answer share": "ホスト応答割合",
        "answers × dst port ratio": "応答×宛先ポート比",
        "host answers × dst port diversity": "ホスト応答×宛先多様度",
    ]
}
