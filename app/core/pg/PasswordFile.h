#pragma once

#include <QString>
#include <QStringList>

// A libpq password file (pgpass): how the sandbox hands its generated passwords to libpq clients
// without ever putting them in a connection string, a settings file or a log.
class PasswordFile {
public:
    // One line for every database on host:port. host is a host name or a Unix socket directory.
    void add(const QString& host, int port, const QString& user, const QString& password);
    // Creates the file with mode 0600 (libpq ignores a passfile others can read), replacing any old one.
    void write(const QString& path) const;

    // Whether the passfile at path has a line for user on host:port and database (with libpq's
    // '*' wildcards and backslash escapes), i.e. whether libpq would find a password there.
    static bool covers(const QString& path, const QString& host, int port, const QString& database,
                       const QString& user);
    // The passfile libpq reads for params' passfile value (empty: $PGPASSFILE, else the user's
    // ~/.pgpass, or %APPDATA%\postgresql\pgpass.conf on Windows).
    static QString pathFor(const QString& passfile);

    // 24 random letters and digits from the system's secure generator.
    static QString randomPassword();

private:
    QStringList m_lines;
};
