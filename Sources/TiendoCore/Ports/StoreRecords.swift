import Foundation

// What the store hands back and takes: plain values the web and the application layer use
// without knowing the store. They lived in TiendoStorage; they moved here with the ports.

/// An API token as an administrator sees it: never the token itself, only what it is for.
public struct StoredAPIToken: Hashable, Sendable {
    /// The token's id (what `tiendo token revoke` takes).
    public var id: UUID
    /// The account the token acts as: same role, same unit scope.
    public var account: Account
    /// What the token is for ("Kịch bản đồng bộ của Sở Tài chính").
    public var name: String
    /// When it was issued.
    public var createdAt: Date
    /// When it was last used, nil when never.
    public var lastUsedAt: Date?
    /// When it was revoked, nil while it works.
    public var revokedAt: Date?

    /// Creates a value.
    public init(
        id: UUID, account: Account, name: String, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.account = account
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// An account with what login needs to check.
public struct StoredCredentials: Sendable {
    /// The account.
    public var account: Account
    /// The bcrypt hash of its password.
    public var passwordHash: String
    /// Failed logins since the last success.
    public var failedLogins: Int
    /// Locked until then after too many failures.
    public var lockedUntil: Date?

    /// Creates a value.
    public init(account: Account, passwordHash: String, failedLogins: Int, lockedUntil: Date?) {
        self.account = account
        self.passwordHash = passwordHash
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
    }
}

/// The state of one login-throttle key after an attempt was counted.
public struct LoginThrottleCount: Sendable, Equatable {
    /// Attempts counted in the current window, this one included.
    public var attempts: Int
    /// Until when the key may not log in, nil when it may.
    public var lockedUntil: Date?

    public init(attempts: Int, lockedUntil: Date?) {
        self.attempts = attempts
        self.lockedUntil = lockedUntil
    }
}

/// What a password change ended.
public struct PasswordChange: Sendable, Equatable {
    /// Login sessions of the account that were ended.
    public var endedSessions: Int
    /// API tokens of the account that were revoked.
    public var revokedTokens: Int

    public init(endedSessions: Int, revokedTokens: Int) {
        self.endedSessions = endedSessions
        self.revokedTokens = revokedTokens
    }
}

/// A live session.
public struct StoredSession: Sendable {
    /// Who is logged in.
    public var account: Account
    /// The token every form of this session must carry.
    public var csrfToken: String
    /// When the session ends unless used again.
    public var expiresAt: Date
    /// The data counters and demo flag, read in the same statement as the session (see
    /// `TiendoStore.pageStamp()`).
    public var pageStamp: PageStamp

    /// Creates a value.
    public init(account: Account, csrfToken: String, expiresAt: Date, pageStamp: PageStamp) {
        self.account = account
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
        self.pageStamp = pageStamp
    }
}

/// One recorded action.
public struct AuditEvent: Hashable, Sendable {
    public var at: Date
    public var actor: String
    /// The kind's stored words (`AuditTrail.EventKind.rawValue`).
    public var action: String
    public var subject: String
    public var detail: String

    /// The kind of action, nil for words no kind has (never written by this version).
    public var kind: AuditTrail.EventKind? { AuditTrail.EventKind(rawValue: action) }

    /// Creates a value.
    public init(at: Date, actor: String, action: String, subject: String, detail: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}

/// An attached file as stored: its name and bytes.
public struct StoredFile: Sendable {
    public let name: String
    public let data: Data

    /// Creates a value.
    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// The list of one unit for one year, as it replaces the stored one.
public struct QualityRatingList: Sendable, Hashable {
    public var unitID: UnitID
    public var year: Int
    /// The whole list, in order; an empty list removes the unit-year's ratings.
    public var ratings: [QualityRating]

    /// Creates a list.
    public init(unitID: UnitID, year: Int, ratings: [QualityRating]) {
        self.unitID = unitID
        self.year = year
        self.ratings = ratings
    }
}

/// What replacing lists did.
public struct QualityRatingWrite: Sendable, Equatable {
    /// Ratings stored (the lists' sizes).
    public var ratings: Int
    /// Ratings the lists replaced.
    public var replaced: Int
    /// The derived figures, as `recordValues` counted them.
    public var values: ImportCounts
    /// Derived figures removed because their kind is no longer in the list.
    public var valuesRemoved: Int

    /// Creates a value.
    public init(ratings: Int, replaced: Int, values: ImportCounts, valuesRemoved: Int) {
        self.ratings = ratings
        self.replaced = replaced
        self.values = values
        self.valuesRemoved = valuesRemoved
    }
}

/// What an import did, for the one-line report the CLI prints.
public struct ImportCounts: Equatable, Sendable {
    /// Rows written for the first time.
    public var inserted = 0
    /// Rows that existed with other content and were updated.
    public var updated = 0
    /// Rows that already existed as they are.
    public var unchanged = 0

    /// Creates counts.
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// A batched write (`TiendoStore.recordValues`) that stopped after storing part of its figures:
/// what is stored stays stored; running the same import again stores the rest.
public struct PartialRecordError: Error, Sendable, CustomStringConvertible {
    /// What the batches before the failure wrote.
    public let stored: ImportCounts
    /// How many figures those batches covered.
    public let processed: Int
    /// How many figures the import held.
    public let total: Int
    /// Why the next batch failed, in Vietnamese.
    public let reason: String

    /// Creates the error; `reason` is the Vietnamese sentence of what stopped the batch.
    public init(stored: ImportCounts, processed: Int, total: Int, reason: String) {
        self.stored = stored
        self.processed = processed
        self.total = total
        self.reason = reason
    }

    public var description: String {
        "Đã xử lý \(processed) trên \(total) số liệu (\(stored.inserted) mới, \(stored.updated) cập nhật, "
            + "\(stored.unchanged) giữ nguyên) rồi dừng vì: \(reason) Các số liệu đã lưu được giữ nguyên; "
            + "hãy chạy lại đúng lần nhập này để nhập phần còn lại (số liệu đã có sẽ được bỏ qua)."
    }
}

/// What importing a dossier log did.
public struct DossierImportOutcome: Equatable, Sendable {
    /// Dossiers stored for the first time, changed, and already stored as they are.
    public var dossiers = ImportCounts()
    /// The (unit, month) pairs whose counts were recomputed.
    public var unitMonths = 0
    /// How many distinct units and months those pairs span.
    public var units = 0
    public var months = 0
    /// What recording the recomputed figures did.
    public var values = ImportCounts()
    /// Rates removed because their denominator became 0 (a month left without dossiers).
    public var ratesRemoved = 0

    /// Creates an outcome.
    public init() {}
}

/// The two counters the database moves: one for what a snapshot reads, one for the follow-up
/// book (directives, tasks, task reports).
public struct DataVersions: Hashable, Sendable {
    /// Moves with units, lineage, indicators, figures and resolutions.
    public var data: Int
    /// Moves with directives, tasks and task reports.
    public var followUp: Int

    public init(data: Int, followUp: Int) {
        self.data = data
        self.followUp = followUp
    }
}

/// What a kept page depends on in the database besides its viewer and query: both counters, and
/// the demo flag that puts the "Dữ liệu minh họa" banner on every page.
public struct PageStamp: Hashable, Sendable {
    public var versions: DataVersions
    public var isDemo: Bool

    public init(versions: DataVersions, isDemo: Bool) {
        self.versions = versions
        self.isDemo = isDemo
    }
}
