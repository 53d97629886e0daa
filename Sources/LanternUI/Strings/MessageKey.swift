/// Names of the messages the `lantern` command line prints: notes, progress lines, summaries,
/// usage errors and the wording of library errors. `Strings` contains their text in each language.
public enum MessageKey: String, CaseIterable, Sendable {
    // Start-up and help
    case runHelpHint
    case unknownCommand
    case invalidLanguage
    case manPageMissingJapanese
    case completionShell
    case commandListTitle
    case commandListUsage
    case commandListFooter

    // Options
    case optionNeedsValue
    case optionValueIsOption
    case unknownOption
    case noOptions
    case integerOutOfRange

    // Store
    case storeMissing
    case lockFileFailed
    case storeBusy
    case windowWidthMismatch
    case darknetPrefixInvalid
    case darknetPrefixMismatch
    case temporaryFolderFailed
    case storeSchema
    case storeCorruptModel
    case storeInvalidMailLabel
    case storeDamagedWindows
    case storeSQLite
    case storeSQLiteWithAdvice
    case storeAdviceReadOnly
    case storeAdviceCannotOpen
    case storeAdviceBusy
    case storeAdviceNotDatabase
    case storeNotLantern

    // Ingest
    case ingestNeedsInput
    case ingestSkippedFile
    case skipReasonLFSPointer
    case skipReasonGzipNotCapture
    case skipReasonNotCapture
    case skipReasonNeitherKind
    case skipReasonUnreadable
    case reasonNoSuchFile
    case ingestSkippedShorterCopy
    case ingestAlreadyIngested
    case ingestReplacesCopy
    case ingestFileSummary
    case ingestAnomalies
    case anomalyTruncated
    case anomalyBadIPv4HeaderLength
    case anomalyBadIPLength
    case anomalyMalformedTCPOptions
    case anomalyQuotedTruncated
    case anomalyBadLinkHeader
    case anomalyUnknownICMPType
    case listSeparator
    case ingestIPVersionMismatch
    case ingestReopenedWindows
    case ingestTotals
    case ingestSubnets
    case ingestNoNewCaptures
    case ingestNoWindowsNoModel
    case ingestNothingFound
    case ingestFilesFailed
    case ingestUnreadable
    case kindInvalid
    case subnetPrefixInvalid
    case timeZoneInvalid
    case subnetPrefixMismatch
    case timeZoneMismatch

    // Mail ingest
    case mailSkippedPath
    case mailWarning
    case mailSkippedMessage
    case mailMessageLocation
    case mailSkipEmpty
    case mailSkipNotMail
    case mailSummary
    case mailSummaryFolders
    case mailModelInactive
    case mailModelTrained
    case mailSolverLimit
    case mailStatsNote
    case mailTooLarge
    case mailHeaderTooLarge
    case mailUnparsable
    case mailUnreadable
    case mailNoDictionary
    case mailTokenizerFailed

    // Training
    case modelActive
    case solverIterationLimit
    case modelInactiveNoMechanical
    case modelInactiveOneClass
    case kernelInvalid
    case featuresInvalid
    case statsOneClassNote

    // Simulation
    case simulateNeedsFeed
    case simulateDarknetOnly
    case simulateMailNeedsOut
    case simulateMailOnly
    case simulateDarknetNeedsOut
    case simulateMailWrote
    case simulateDarknetWrote
    case plantInvalid
    case simulationCannotOpen
    case simulationWriteFailed
    case simulationInvalidSetting
    case simulationInvalidTruthLine
    case simulationUnsupportedPacket

    // Demo
    case demoSimulatingDarknet
    case demoIngesting
    case demoClustering
    case demoSimulatingMail
    case demoReusing
    case demoRebuilding
    case demoDirectoryIsFile

    // Live capture
    case captureNeedsInterface
    case captureStartedUntilInterrupt
    case captureStartedFilterUntilInterrupt
    case captureStartedForSeconds
    case captureStartedFilterForSeconds
    case captureSummary

    // Capture errors
    case captureCannotOpen
    case captureAdviceLFS
    case captureAdviceFormat
    case captureUnsupportedLinkType
    case captureReadFailed
    case captureStopBeforeFirst
    case captureStopAfterRecord
    case capturePosition
    case captureReadNone
    case captureReadOne
    case captureReadMany
    case captureAdviceLinkTypes
    case captureAdviceTruncated
    case captureInvalidFilter
    case captureLiveFailed
    case captureCannotList
    case signatureCannotRead
    case signatureMalformed
    case signatureReplaced

    // Export, label and tui
    case exportNeedsKind
    case formatInvalid
    case labelNeedsMail
    case labelNeedsWhat
    case tuiKeptStore

    // Clustering
    case commandTakesNoFiles
    case linkageInvalid
    case dateInvalid
    case dateRangeReversed
    case probabilityInvalid
    case clusterPrototypes
    case clusterStrideNote
    case clusterAssigned
    case vectorsUnreadable
    case vectorsSize

    // Evaluation
    case evaluateNeedsAnalysis
    case evaluateOptionOtherModel
    case evaluateNeedsTruth
    case budgetsInvalid
    case featureSetInvalid
    case evaluateTruthSummary
    case evaluateNoHost
    case evaluateUnknownRoles
    case evaluateTableTitle
    case columnMethod
    case columnBudget
    case columnQueries
    case columnPrecision
    case columnRecall
    case columnKind
    case columnTruth
    case columnWindows
    case columnWrong
    case truthBackscatter
    case truthNot
    case evaluateByKindTitle

    // Mail evaluation
    case mailEvaluateNeedsStream
    case sinceInvalid
    case spanBothGiven
    case shareInvalidBelowOne
    case shareInvalidAtMostOne
    case daysInvalid
    case mailEvaluateNoDictionary
    case mailEvaluateStream
    case mailEvaluateTooFew
    case mailEvaluateNothingJudged
    case mailEvaluateUnconverged
    case mailEvaluateSettings
    case mailEvaluateWrote
    case mailEvaluateCounts
    case columnAccuracy
    case columnSpamRecall
    case rowWithDetection
    case rowWithoutDetection
    case rowEverythingMalicious
    case mailEvaluateLegend

    // Mail labelling
    case labellerMalformedLine
    case labellerFailed
    case labellerFailedWithOutput
    case labellerTimedOut
    case labellerAbandoned
    case labellerUnparseable
    case listLineNotURLOrDomain
    case listLineNoRegisteredDomain
    case listLineUnterminatedQuote
    case listLineFieldCount
    case labellerListUnreadable
    case labellerProgramNotFound
    case labellerInvalidTimeout
    case reputationListLoaded
    case mailLabellingSummary
    case labelNeedsLabeller
    case labellerOptionsWithoutCommand
    case labellerTimeoutInvalid
    case nuInvalid
    case gammaInvalid
}
