import TiendoCore

// The ports of the reading pages, the follow-up pages and the reminder job
// (`TiendoCore/Ports/PagePorts.swift`); the methods are in `TiendoStore.swift`,
// `TiendoStore+Narratives.swift`, `TiendoStore+FollowUp.swift` and `TiendoStore+Accounts.swift`.

extension TiendoStore: FigureHistory, NarrativeStore, FollowUpReads, FollowUpStore, DailyJobs, ReminderRecipients {}
