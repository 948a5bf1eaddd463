import TiendoCore

// The store implements the ports of logging in and of machine access (Core/Ports/AccountPorts);
// the methods themselves live in TiendoStore+Accounts, +APITokens and +Health.

extension TiendoStore: AccountStore, SessionStore, LoginThrottleStore, APITokenStore, HealthCheck {}
