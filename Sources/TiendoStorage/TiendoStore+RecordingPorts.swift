import TiendoCore

// The store as the recording features' ports (`Core/Ports/RecordingPorts.swift`); the methods
// live in the files of their feature (`+Reporting`, `+Entry`, `+Resolutions`, `+Dossiers`,
// `+QualityRatings`).

extension TiendoStore: FormStore, SubmissionReads, ResolutionStore, DossierStore, QualityRatingStore {}
