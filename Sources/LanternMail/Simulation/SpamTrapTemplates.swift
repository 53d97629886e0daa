/// The kinds of message a simulated spam trap receives, each with the wording that varies.
///
/// Every domain ends in `.test`, a top-level domain reserved for testing (RFC 2606), so no
/// simulated URL can name a real host. Brands are invented.
struct SpamTemplate: Sendable {
    enum Attachment: Sendable {
        case none
        case file(name: String, type: String)
    }

    var kind: String
    var malicious: Bool
    var senderNames: [String]
    var senderDomains: [String]
    var subjects: [String]
    var paragraphs: [String]
    /// URL patterns; `{domain}` takes one of `linkDomains`, `{n}` a number.
    var links: [String]
    var linkDomains: [String]
    var attachment: Attachment = .none
    /// Whether the text goes out as HTML only, with the link behind other text.
    var htmlOnly = false
}

enum SpamTrapTemplates {
    static let all: [SpamTemplate] = malicious + nonMalicious

    static let malicious: [SpamTemplate] = [
        SpamTemplate(
            kind: "phishing-bank", malicious: true,
            senderNames: ["Nimbus Bank Security", "Nimbus Bank", "Account Services"],
            senderDomains: ["nimbus-bank-alerts.test", "nimbusbank-secure.test"],
            subjects: ["Action required: verify your account", "Unusual sign-in activity detected",
                       "Your online banking access has been limited", "Confirm your identity within 24 hours"],
            paragraphs: ["Dear customer, we detected an unusual sign-in to your online banking from a new device.",
                         "To keep your account safe, access has been limited until you confirm your identity.",
                         "If you do not verify within 24 hours, your account will be suspended.",
                         "Thank you for banking with us."],
            links: ["https://login.{domain}/session/verify?id={n}", "http://{domain}/secure/update.php?u={n}"],
            linkDomains: ["nimbus-verify.test", "nimbusbank-login.test", "secure-nimbus.test"], htmlOnly: true),
        SpamTemplate(
            kind: "phishing-delivery", malicious: true,
            senderNames: ["さくら急便", "さくら急便 配達センター", "Sakura Express"],
            senderDomains: ["sakura-kyubin-info.test", "sakura-delivery.test"],
            subjects: ["【不在通知】お荷物のお届けにあがりましたが不在のため持ち帰りました",
                       "お荷物の配送について確認のお願い", "【重要】再配達のご依頼を受け付けできませんでした"],
            paragraphs: ["お客様宛にお荷物のお届けにあがりましたが、宛先不明のため持ち帰りました。",
                         "下記より配送先の住所を確認し、再配達をご依頼ください。",
                         "保管期限を過ぎますと、お荷物は差出人へ返送されます。", "※このメールは送信専用です。"],
            links: ["http://{domain}/track?no={n}", "https://{domain}/redelivery/{n}"],
            linkDomains: ["sakura-redelivery.test", "sakura-kyubin-check.test", "kyubin-track.test"]),
        SpamTemplate(
            kind: "phishing-account", malicious: true,
            senderNames: ["Kumo Mail サポート", "Kumo Mail", "アカウント管理センター"],
            senderDomains: ["kumomail-support.test", "kumo-account.test"],
            subjects: ["【重要】アカウントが一時停止されました", "メールボックスの容量が上限に達しました",
                       "パスワードの有効期限が切れます"],
            paragraphs: ["お客様のアカウントで不審なアクセスが検出されたため、一時的に利用を停止しました。",
                         "引き続きご利用いただくには、以下のリンクからログインして本人確認を行ってください。",
                         "24時間以内に確認が取れない場合、アカウントは削除されます。"],
            links: ["https://{domain}/login?session={n}", "http://{domain}/auth/{n}"],
            linkDomains: ["kumomail-login.test", "kumo-auth.test", "sho.rt.test"]),
        SpamTemplate(
            kind: "malware-invoice", malicious: true,
            senderNames: ["Accounts Payable", "Billing Department", "Finance Team"],
            senderDomains: ["acme-billing.test", "northwind-finance.test", "globex-invoices.test"],
            subjects: ["Invoice {n} overdue", "Payment reminder for invoice {n}", "Your invoice {n} is attached"],
            paragraphs: ["Hello, please find attached the invoice for last month's services.",
                         "The payment is now overdue. Kindly settle it at your earliest convenience.",
                         "Open the attached file and enable content to view the document.", "Best regards"],
            links: [], linkDomains: [], attachment: .file(name: "Invoice_{n}.zip", type: "application/zip")),
        SpamTemplate(
            kind: "malware-seikyusho", malicious: true,
            senderNames: ["経理部", "請求書発行センター", "総務部 支払担当"],
            senderDomains: ["keiri-center.test", "seikyu-info.test"],
            subjects: ["【請求書】今月分のご請求について", "請求書送付のご案内 ({n})", "お支払い期限のお知らせ"],
            paragraphs: ["いつもお世話になっております。今月分の請求書を添付いたしましたのでご確認ください。",
                         "ファイルを開いた後、「コンテンツの有効化」をクリックしてください。",
                         "ご不明な点がございましたらご連絡ください。"],
            links: [], linkDomains: [], attachment: .file(name: "請求書_{n}.xlsm", type: "application/vnd.ms-excel.sheet.macroEnabled.12")),
        // A shop's own newsletter, copied word for word with one line and the link changed.
        // Its words match the newsletter, and only the domain and the login request differ.
        SpamTemplate(
            kind: "phishing-lookalike-shop", malicious: true,
            senderNames: ["まるごと通販", "まるごと通販 お知らせ"],
            senderDomains: ["marugoto-tsuhan.test", "marugoto-tsuhan-info.test"],
            subjects: ["【期間限定】ポイント10倍キャンペーン開催中", "今週のおすすめ商品のお知らせ", "ポイント失効のお知らせ"],
            paragraphs: ["いつもまるごと通販をご利用いただきありがとうございます。",
                         "今週は季節の食品や日用品をお得な価格でご用意しました。",
                         "保有ポイントの失効を防ぐため、下記からログインして会員情報を更新してください。"],
            links: ["https://{domain}/member/login?id={n}"], linkDomains: ["marugoto-points.test", "marugoto-member.test"]),
    ]

    static let nonMalicious: [SpamTemplate] = [
        SpamTemplate(
            kind: "advertising", malicious: false,
            senderNames: ["Bright Home Store", "Bright Home Deals"],
            senderDomains: ["brighthome-shop.test"],
            subjects: ["Spring sale: 40% off all furniture", "Last chance: free shipping ends tonight",
                       "New arrivals picked for you"],
            paragraphs: ["Our biggest sale of the season is here, with discounts across the store.",
                         "Browse sofas, lamps and rugs, all with free delivery this week.",
                         "You receive this newsletter because you subscribed at our store."],
            links: ["https://{domain}/sale?c={n}", "https://{domain}/unsubscribe"], linkDomains: ["brighthome-shop.test", "sho.rt.test"]),
        SpamTemplate(
            kind: "newsletter", malicious: false,
            senderNames: ["まるごと通販", "まるごと通販 お知らせ"],
            senderDomains: ["marugoto-tsuhan.test"],
            subjects: ["今週のおすすめ商品のお知らせ", "【期間限定】ポイント10倍キャンペーン開催中", "新商品入荷のご案内"],
            paragraphs: ["いつもまるごと通販をご利用いただきありがとうございます。",
                         "今週は季節の食品や日用品をお得な価格でご用意しました。",
                         "配信停止をご希望の方は、下記のページから手続きしてください。"],
            links: ["https://{domain}/campaign/{n}", "https://{domain}/mail/stop"], linkDomains: ["marugoto-tsuhan.test"]),
        SpamTemplate(
            kind: "dating", malicious: false,
            senderNames: ["Anna", "Mika", "Lovely Match"],
            senderDomains: ["lovelymatch.test", "meet-tonight.test"],
            subjects: ["Hi, are you still looking?", "Someone near you sent a message", "素敵な出会いが待っています"],
            paragraphs: ["I saw your profile and wanted to say hello.", "There are new members near you this week.",
                         "Registration is free and takes one minute."],
            links: ["https://{domain}/join?ref={n}"], linkDomains: ["lovelymatch.test", "sho.rt.test"]),
        // Account and invoice words in harmless mail, so that words alone do not decide.
        SpamTemplate(
            kind: "order-notice", malicious: false,
            senderNames: ["Bright Home Store", "Bright Home Orders"],
            senderDomains: ["brighthome-shop.test"],
            subjects: ["Your order {n} has shipped", "Your invoice {n} from Bright Home", "Sign in to see your order"],
            paragraphs: ["Thank you for your order. Your invoice is available in your account.",
                         "Sign in to your account to track the delivery.", "Questions? Reply to this email."],
            links: ["https://{domain}/account/orders/{n}"], linkDomains: ["brighthome-shop.test"]),
        SpamTemplate(
            kind: "seo-offer", malicious: false,
            senderNames: ["Daniel Carter", "Web Growth Team"],
            senderDomains: ["rankfast-seo.test"],
            subjects: ["Get your website on page one", "Quick question about your site", "SEO proposal for your business"],
            paragraphs: ["I noticed that your website is not ranking for several important keywords.",
                         "Our team can improve your search ranking within three months.",
                         "Reply to this email for a free audit."],
            links: [], linkDomains: []),
        SpamTemplate(
            kind: "stock-tip", malicious: false,
            senderNames: ["Market Insider Alert", "株式情報センター"],
            senderDomains: ["market-insider.test", "kabu-joho.test"],
            subjects: ["This stock could triple next week", "【注目銘柄】来週の急騰候補", "Small cap alert: act now"],
            paragraphs: ["Our analysts expect strong gains after the coming announcement.",
                         "この銘柄は来週の発表後に大きく動く可能性があります。", "This is not investment advice."],
            links: ["https://{domain}/report/{n}"], linkDomains: ["market-insider.test", "kabu-joho.test"]),
    ]
}
