import FluentKit
import Foundation

/// A stored account (table `accounts`). The password is kept only as a bcrypt hash.
final class AccountModel: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    @Field(key: "unit_id") var unitID: String
    @Field(key: "active") var active: Bool
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "email") var email: String?
    /// Set when an administrator gave the password (M036): the person must choose their own.
    @Field(key: "must_change_password") var mustChangePassword: Bool

    init() {}
}

/// A login session (table `sessions`), shared by every app instance. Only a hash of the
/// cookie's token is stored, so a leaked database does not leak sessions.
final class SessionModel: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(custom: "token_hash", generatedBy: .user) var id: String?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

/// A stored reporting form (table `reporting_forms`); lists are JSON arrays.
final class ReportingFormModel: Model, @unchecked Sendable {
    static let schema = "reporting_forms"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "indicator_codes") var indicatorCodes: String
    @Field(key: "unit_ids") var unitIDs: String
    @Field(key: "period_kind") var periodKind: String
    @Field(key: "calendar") var calendar: String
    @Field(key: "deadline_working_days") var deadlineWorkingDays: Int
    /// How `deadlineWorkingDays` is read: "ngay-lam-viec" or "ngay-co-dinh" (M034).
    @Field(key: "deadline_basis") var deadlineBasis: String
    /// Working days earlier for units below the province (M034).
    @Field(key: "deadline_lead_days") var deadlineLeadDays: Int

    init() {}
}

/// A stored submission (table `submissions`); `version` guards concurrent reviews.
final class SubmissionModel: Model, @unchecked Sendable {
    static let schema = "submissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "form_code") var formCode: String
    @Field(key: "unit_id") var unitID: String
    @Field(key: "period") var period: String
    @Field(key: "status") var status: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "submitted_by") var submittedBy: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "reviewed_by") var reviewedBy: String?
    @OptionalField(key: "return_reason") var returnReason: String?
    @Field(key: "version") var version: Int

    init() {}
}

/// One entry of the audit trail of actions (table `audit_events`): logins, submissions,
/// reviews, changes to forms, resolutions and accounts. Never updated or deleted.
final class AuditEventModel: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "subject") var subject: String
    @Field(key: "detail") var detail: String

    init() {}
}
