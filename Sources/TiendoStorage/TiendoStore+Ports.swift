import TiendoCore

// The store implements every port of Core: the shared ones here, each feature's in the file of
// that feature's store methods. Only the composition root (`TiendoWebApp.configure`, the
// `tiendo` command) knows `TiendoStore`; web features hold the ports they use.

extension TiendoStore: DemoFlag, ReferenceData, PageStamps, AuditLog, ReadModelUpkeep {}
