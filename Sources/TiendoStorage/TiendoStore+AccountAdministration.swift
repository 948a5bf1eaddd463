import Foundation
import TiendoCore

// The store serves account administration (Core/Accounts/AccountAdministration); the methods
// live in TiendoStore+Accounts.

extension TiendoStore: AccountAdministrationStore {}
