#pragma once

#include "pg/ConnectionParams.h"

#include <QString>

// A saved way to reach a catalog, as a user enters it: plain fields, or a whole libpq
// connection string, or both (the fields then override the string's values). It has no
// password field: passwords come from the passfile, the service file, the OS keychain or a
// prompt, so a profile can be stored anywhere without leaking one.
struct ConnectionProfile {
    static constexpr int MaxNameLength = 100;
    static constexpr int MaxFieldLength = 1024;

    QString name; // how the user calls it
    QString host;
    int port = 0; // 0: not set (the connection string's, or libpq's default 5432)
    QString dbname;
    QString user;
    QString sslmode; // empty: libpq's default (prefer)
    QString sslrootcert;
    QString passfile;
    QString service;
    QString connectionString; // optional: key=value or postgresql:// URI

    // Empty when the profile can be used, else a message for the user naming the field at fault.
    // Nothing is sent anywhere: a bad profile never reaches libpq.
    QString validate() const;

    // The libpq keywords of this profile, the connection string's first. Never a password, even
    // if the connection string carries one. Call validate() first: a connection string that does
    // not parse throws InputError.
    ConnectionParams toParams() const;

    // The profile for a connection made some other way (a command line, a pasted string):
    // known keywords become fields, the others stay in connectionString; any password is dropped.
    static ConnectionProfile fromParams(const QString& name, const ConnectionParams& params);

    bool operator==(const ConnectionProfile&) const = default;
};
