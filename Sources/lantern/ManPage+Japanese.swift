import Foundation

extension ManPage.Text {
    /// The Japanese page, `lantern help --man --lang ja`. A help key missing here is printed in
    /// English and named on stderr, and the end-to-end test fails on that message.
    static let japanese = ManPage.Text(
        title: "ユーザーコマンド",
        headings: ["名前", "書式", "コマンド"],
        nameLine: #"lantern \- SOC アナリストのためのダークネット・バックスキャッタ選別ツール"#,
        description: [
            ".SH 説明",
            "Lantern はダークネットのキャプチャとメールをローカルの SQLite ストアに読み込み、",
            "トラフィックのウィンドウでバックスキャッタのモデルを学習し、",
            "アナリストが端末でラベルを付けるレビューキューにウィンドウを並べます。",
            "付けたラベルは次の学習に使われます。",
            "また、日ごとのトラフィックでサブネットをグループに分け、まれなプロファイルに移ったサブネットにフラグを立てます。",
            ".PP",
            "まず \\fBlantern demo\\fR を実行してください。各コマンドの説明は \\fBlantern \\fIcommand\\fB \\-\\-help\\fR で表示します。",
        ],
        files: [
            ".SH ファイル",
            ".TP", ".I lantern.db", "ストア。\\fB\\-\\-db\\fR を取るコマンドは、指定がなければ ./lantern.db を使います。",
            ".TP", ".I alerts.jsonl", "\\fBtrain\\fR がストアの隣に書くアラート。1 行に 1 つの JSON オブジェクトです。",
            ".TP", ".I Themes/*.theme",
            "テーマファイル。\\fB$LANTERN_THEME_DIR\\fR、次に作業ディレクトリの \\fIThemes\\fR の順に探します。",
        ],
        environment: [
            ".SH 環境変数",
            ".TP", ".B LC_ALL, LC_MESSAGES, LANG",
            "この順に調べて英語か日本語を選びます。\\fB\\-\\-lang\\fR を指定した場合はそちらが優先です。",
            "ja_JP ロケールが生成されていなくても、文字集合は UTF\\-8 として扱うので日本語で表示できます。",
            ".TP", ".B TERM", "端末の種類。UI が使う色の数はこれで決まります。",
            ".TP", ".B NO_COLOR", "空でない値が設定されていると、UI は色を使わずに描画します。",
            ".TP", ".B LANTERN_THEME_DIR", "\\fIThemes\\fR より先にテーマファイルを探すフォルダ。",
        ],
        exitStatus: [
            ".SH 終了ステータス",
            ".TP", ".B 0", "成功。",
            ".TP", ".B 1", "読めないファイルなどでコマンドが失敗した。メッセージに対象が示されます。",
            ".TP", ".B 2", "コマンドラインが不正だった。不明なコマンドやオプション、値の指定漏れなどです。",
            ".TP", ".B 128+N", "\\fBtui\\fR がシグナル N で終了した。端末は復元されています。",
        ],
        seeAlso: [
            ".SH 関連項目",
            ".BR tcpdump (1),",
            ".BR sqlite3 (1)",
            ".PP",
            "利用者ガイド \\fIdocs/user\\-guide.ja.md\\fR。",
        ],
        help: japaneseHelp,
        insertsBreakPoints: true)

    static let japaneseHelp: [String: String] = [
        "simulate": "模擬ダークネットのキャプチャと、その正解データ (FILE.truth.jsonl) を書き出す。",
        "simulate darknet": "模擬するトラフィックの種類。",
        "simulate --out": "書き出すキャプチャ。正解データはその隣に書きます。",
        "simulate --packets": "パケット数 (既定: 1000000)。",
        "simulate --days": "キャプチャがまたがる日数、1 から 366 (既定: 1)。",
        "simulate --seed": "乱数の種。同じ種からは同じキャプチャを書きます (既定: 1)。",
        "simulate --darknet": "ダークネットのアドレスブロック (既定: 198.18.0.0/16)。",
        "simulate --plant": "サービスにキャンペーンを仕込む。例: 5000/tcp:7:5 (DAY 日目から COUNT 個のサブネット)。",

        "ingest": "キャプチャ (pcap/pcapng/.gz) とメール (EML、mbox、Maildir) をストアに読み込み、学習する。",
        "ingest PATH": "キャプチャファイル、メールファイル、mbox ファイル、Maildir フォルダ。",
        "ingest --db": "使うストア (既定: ./lantern.db)。",
        "ingest --window": "トラフィックのウィンドウの長さ (秒)、1 から 86400 (既定: 30)。",
        "ingest --subnet-prefix": "IPv4 のサブネットのプレフィックス長。スラッシュの後に IPv6 の長さも指定できます。例: 16、16/32。",
        "ingest --signatures": "組み込みのシグネチャに加えるシグネチャファイル。",
        "ingest --time-zone": "サブネット日を数えるタイムゾーン。UTC、オフセット、ゾーン名のいずれか。",
        "ingest --kind": "パスの中身の種類 (既定: auto、ファイルごとに判定)。",
        "ingest --no-train": "読み込んだ後にモデルを学習しない。",

        "capture": "インターフェースからストアへライブキャプチャし、Ctrl-C か --duration で止めてから学習する。",
        "capture --db": "使うストア (既定: ./lantern.db)。",
        "capture --interface": "キャプチャするインターフェース。例: eth1。",
        "capture --filter": "pcap-filter(7) の式。例: 'not port 22'。",
        "capture --duration": "この秒数が過ぎたら止める (既定: 0、Ctrl-C まで)。",
        "capture --window": "トラフィックのウィンドウの長さ (秒)、1 から 86400 (既定: 30)。",
        "capture --no-train": "ウィンドウを保存した後にモデルを学習しない。",

        "train": "バックスキャッタのモデルを学習し、全ウィンドウを採点し、アラートを書く。",
        "train --db": "使うストア (既定: ./lantern.db)。",
        "train --features": "学習に使う特徴量セット。",
        "train --kernel": "SVM のカーネル。",

        "tui": "アナリストのレビューキューを端末で開く。",
        "tui --db": "使うストア (既定: ./lantern.db)。",
        "tui --lang": "UI の言語 (既定: LC_ALL、LC_MESSAGES、LANG から決定)。",
        "tui --theme": "テーマ名 (dark、light、high-contrast) またはテーマファイル (既定: dark)。",
        "tui --analyst": "ラベルと一緒に保存する名前 (既定: $USER)。",
        "tui --ascii": "ASCII 文字だけで描画する。",
        "tui --preview": "組み込みのサンプルデータで画面を表示する。ストアは開きません。",

        "cluster": "サブネットのプロトタイプを学習し、全サブネット日を割り当て、早期警戒フラグを立てる。",
        "cluster --db": "使うストア (既定: ./lantern.db)。",
        "cluster --from": "学習期間の最初の日。",
        "cluster --to": "学習期間の最後の日。",
        "cluster --k": "プロトタイプの数、2 から 64。",
        "cluster --linkage": "階層的クラスタリングのリンケージ。",
        "cluster --min-windows": "サブネット日が学習やフラグに使われるのに必要な (ホスト, ウィンドウ) の組の最小数。",
        "cluster --no-signatures": "サブネット日のベクトルからシグネチャの特徴量を除く。",
        "cluster --transition-threshold": "まれな遷移とみなす平滑化済み遷移確率の上限。",
        "cluster --visit-threshold": "そのプロトタイプへの移動をまれとみなす、訪れたことのあるアクティブなサブネットの割合の上限。",
        "cluster --vectors": "ストアの代わりに、リトルエンディアンの double のファイルをクラスタリングする (Ward リンケージ)。",
        "cluster --dimension": "--vectors ファイルの 1 ベクトルあたりの double の数 (既定: 27)。",

        "export": "ラベル、アラート、早期警戒フラグ、メールを 1 行に 1 レコードで出力する。",
        "export WHAT": "出力するレコード。",
        "export --db": "使うストア (既定: ./lantern.db)。",
        "export --format": "出力形式 (既定: jsonl)。",

        "stats": "ストアの中身と、モデルが何から学習したかを出力する。",
        "stats --db": "使うストア (既定: ./lantern.db)。",

        "evaluate": "正解データを使ってアナリストのループを再現し、ルールによるベースラインと並べる。",
        "evaluate WHAT": "評価するモデル。",
        "evaluate --db": "使うストア (既定: ./lantern.db)。",
        "evaluate --truth": "正解データ。送信元ホストごとに src と role を持つ JSON Lines。",
        "evaluate --budgets": "ラベルの予算。ウィンドウに対する百分率 0 から 100 をコンマで区切って指定。",
        "evaluate --features": "評価する特徴量セット (既定: both)。",
        "evaluate --by-kind": "誤った判定をトラフィックの種類ごとにも出力する。",

        "demo": "小さなキャプチャを模擬し、読み込み、学習して UI を開く。",
        "demo --dir": "キャプチャとストアを置くフォルダ (既定: lantern-demo)。",
        "demo --packets": "模擬するパケット数、1000 から 50000000 (既定: 200000)。",
        "demo --lang": "UI の言語 (既定: LC_ALL、LC_MESSAGES、LANG から決定)。",
        "demo --theme": "テーマ名 (dark、light、high-contrast) またはテーマファイル (既定: dark)。",
        "demo --no-ui": "学習の後、UI を開かずに終わる。",

        "completion": "bash または zsh の補完スクリプトを出力する。",
        "completion SHELL": "スクリプトを出力するシェル。",

        "help": "コマンドとそのオプションを出力する。",
        "help --lang": "マニュアルページの言語 (既定: en)。",
        "help --man": "代わりに roff 形式のマニュアルページを出力する (docs/lantern.1 と同じ内容)。",
    ]
}
