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

    // 24 random letters and digits from the system's secure generator.
    static QString randomPassword();

private:
    QStringList m_lines;
};
