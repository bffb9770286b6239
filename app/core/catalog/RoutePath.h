#pragma once

#include <QString>

// A URL path as a web server reads it before matching routes (RFC 3986 6.2.2 and 5.2.4):
// percent-encoded unreserved characters (letters, digits, '-', '.', '_', '~') decoded, other
// escapes in upper case, runs of '/' collapsed, "." and ".." segments resolved, never above the
// root. "/initech/%2e%2e//wayne/./orders" is "/wayne/orders". The same rules as the catalog's
// tenantdesk.normalize_route_path() (migration 004), which applications call through
// tenantdesk.resolve(): a domain stored in this form matches what both of them compute.
class RoutePath {
public:
    // The normalised form of path; "/" for an empty path. A path without a leading '/' is read
    // as if it had one.
    static QString normalized(const QString& path);

    // target ("host", "host:port/path", "scheme://host/path?query") with its path normalised and
    // the rest unchanged, the way tenantdesk.resolve() splits it.
    static QString normalizedTarget(const QString& target);
};
