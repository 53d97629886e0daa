import Foundation
import LanternTriage
import LanternUI

/// The messages of mail labelling (`lantern label mail`, the labeller options of `ingest`) and of
/// the mail model options, in English and Japanese.
///
/// The language follows LC_ALL, LC_MESSAGES and LANG as the UI chooses it. URLs from mail are
/// defanged and every quoted value is reduced to one line before it is printed.
enum LabelMessages {
    /// The language of the environment, as `Strings.select` chooses it without `--lang`.
    static var language: Strings.Language {
        (try? Strings.select(explicit: nil, environment: ProcessInfo.processInfo.environment))?.language ?? .en
    }

    static func warning(_ warning: LabellerWarning, _ language: Strings.Language) -> String {
        let ja = language == .ja
        switch warning {
        case let .malformedLine(path, line, problem):
            let location = SafeText.line("\(path):\(line)")
            return ja ? "警告: \(location): \(self.problem(problem, language))。この行は読み飛ばしました"
                : "warning: \(location): \(self.problem(problem, language)); line skipped"
        case let .commandFailed(program, url, status, standardError):
            let program = SafeText.line(program), url = SafeText.defang(url), detail = SafeText.line(standardError)
            if ja {
                return "警告: ラベラー \(program) が \(url) で終了ステータス \(status) を返しました"
                    + (detail.isEmpty ? "" : "(標準エラー: \(detail))") + "。不明として扱います"
            }
            return "warning: labeller \(program) exited with status \(status) on \(url)"
                + (detail.isEmpty ? "" : " (standard error: \(detail))") + "; counted as unknown"
        case let .commandTimedOut(program, url, seconds):
            let program = SafeText.line(program), url = SafeText.defang(url), limit = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return ja ? "警告: ラベラー \(program) が \(url) で \(limit) 秒を超えたため停止しました。不明として扱います"
                : "warning: labeller \(program) timed out after \(limit) s on \(url) and was killed; counted as unknown"
        case let .commandAbandoned(program, timeouts, seconds):
            let program = SafeText.line(program), limit = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return ja ? "警告: ラベラー \(program) が \(timeouts) 件の URL で続けて時間切れ(各 \(limit) 秒)になったため、"
                + "この実行ではもう呼び出しません。残りの URL は不明として扱います。プログラムを確認するか --labeller-timeout を増やしてください"
                : "warning: labeller \(program) timed out on \(timeouts) URLs in a row (\(limit) s each); it is not run again in this run, "
                + "so the remaining URLs count as unknown; check the program or raise --labeller-timeout"
        case let .commandUnparseable(program, url, output):
            let program = SafeText.line(program), url = SafeText.defang(url), output = SafeText.line(output)
            return ja ? "警告: ラベラー \(program) が \(url) で '\(output)' を出力しました。malicious、benign、unknown のいずれかが必要です。不明として扱います"
                : "warning: labeller \(program) printed '\(output)' on \(url), expected malicious, benign or unknown; counted as unknown"
        }
    }

    private static func problem(_ problem: LabellerWarning.ListLineProblem, _ language: Strings.Language) -> String {
        let ja = language == .ja
        switch problem {
        case let .notURLOrDomain(text):
            let text = SafeText.line(text)
            return ja ? "'\(text)' はホストを含む URL でもドメイン名でもありません" : "'\(text)' is neither a URL with a host nor a domain name"
        case let .noRegisteredDomain(text):
            let text = SafeText.line(text)
            return ja ? "'\(text)' はパブリックサフィックスか単一ラベルで、登録ドメインではありません"
                : "'\(text)' is a public suffix or a single label, not a registered domain"
        case .unterminatedQuote:
            return ja ? "引用符で始まるフィールドが閉じていません" : "a quoted field is not closed"
        case let .fieldCount(found, expected):
            return ja ? "フィールドが \(found) 個あります(\(expected) 個が必要)" : "\(found) fields, expected \(expected)"
        }
    }

    static func error(_ error: LabellerError, _ language: Strings.Language) -> String {
        guard language == .ja else { return SafeText.line(error.description) }
        switch error {
        case let .unreadableList(path, reason):
            return SafeText.line("レピュテーションリスト \(path) を読めません: \(reason)")
        case let .programNotFound(program):
            return SafeText.line("ラベラープログラム \(program) が見つからないか実行できません。パスか PATH 上のプログラム名を指定してください")
        case let .invalidTimeout(value):
            return "ラベラーのタイムアウトは 0 秒より大きくしてください(指定値: \(value))"
        }
    }

    static func listLoaded(_ list: ReputationList, _ language: Strings.Language) -> String {
        let path = SafeText.line(list.name)
        return language == .ja ? "レピュテーションリスト \(path): URL \(list.urls.count) 件、ドメイン \(list.domains.count) 件"
            : "reputation list \(path): \(list.urls.count) URLs, \(list.domains.count) domains"
    }

    /// One line of counts: labels stored per answer and per source, unknown, already labelled.
    static func summary(_ outcome: MailLabelling.Outcome, _ language: Strings.Language) -> String {
        let malicious = outcome.stored[.malicious] ?? 0, benign = outcome.stored[.benign] ?? 0
        let list = outcome.storedBySource["reputation-list"] ?? 0, command = outcome.storedBySource["command"] ?? 0
        if language == .ja {
            return "メールのラベル付け: 悪性 \(malicious) 件、良性 \(benign) 件を保存(レピュテーションリスト \(list)、コマンド \(command))。"
                + "不明 \(outcome.unknown) 件(うち URL なし \(outcome.withoutURLs))、ラベル付け済み \(outcome.alreadyLabelled) 件"
        }
        return "mail labelling: \(malicious) malicious and \(benign) benign labels stored (reputation list \(list), command \(command)); "
            + "\(outcome.unknown) unknown (\(outcome.withoutURLs) without URLs), \(outcome.alreadyLabelled) already labelled"
    }

    static func noLabeller(_ language: Strings.Language) -> String {
        language == .ja ? "label mail には --reputation FILE か --labeller-cmd PROGRAM が必要です。例: lantern label mail --reputation urlhaus.csv"
            : "label mail needs --reputation FILE or --labeller-cmd PROGRAM, for example: lantern label mail --reputation urlhaus.csv"
    }

    static func labellerArgumentsWithoutCommand(_ language: Strings.Language) -> String {
        language == .ja ? "--labeller-arg と --labeller-timeout は --labeller-cmd PROGRAM と一緒に指定してください"
            : "--labeller-arg and --labeller-timeout need --labeller-cmd PROGRAM"
    }

    static func invalidTimeout(_ text: String, _ language: Strings.Language) -> String {
        let text = SafeText.line(text)
        return language == .ja ? "--labeller-timeout には 0 より大きい秒数を指定してください(指定値: '\(text)')"
            : "--labeller-timeout takes a number of seconds above 0, not '\(text)'"
    }

    static func invalidNu(_ text: String, _ language: Strings.Language) -> String {
        let text = SafeText.line(text)
        return language == .ja
            ? "--nu には 0 より大きく 1 以下の値を指定してください(指定値: '\(text)')。ν は学習メッセージのうち不明と判定される割合の上限です"
            : "--nu takes a value above 0 and at most 1, not '\(text)'; nu bounds the share of training messages called unknown"
    }

    static func invalidGamma(_ text: String, _ language: Strings.Language) -> String {
        let text = SafeText.line(text)
        return language == .ja ? "--gamma には 0 より大きい有限の値を指定してください(指定値: '\(text)')"
            : "--gamma takes a finite value above 0, not '\(text)'"
    }

    static func storedUntrained(_ language: Strings.Language) -> String {
        language == .ja ? "注意: メールモデルの学習処理がまだないため、ラベルは保存しましたがモデルは更新していません"
            : "note: the labels are stored; no mail training step exists yet, so the mail models were not updated"
    }
}
