#pragma once

#include <QByteArray>
#include <QString>

#include <exception>

// Why something TenantDesk was asked to do did not happen, told to a person: either what the
// server or libpq said (PgError) or input refused before anything was sent (InputError). Both
// are plain values, so they cross threads; catch Failure where either may arrive and only the
// text matters.
class Failure : public std::exception {
public:
    const QString& message() const { return m_message; }
    const QString& detail() const { return m_detail; }
    const QString& hint() const { return m_hint; }

    // The text a person reads, in a dialog, the status bar or on tenantctl's stderr: the message,
    // then "Detail: " and "Hint: " lines. libpq indents the continuation lines of its messages
    // with a tab for a terminal of its own; that indentation is dropped here, once for all.
    QString text() const;
    // The same text on one line, for a status bar or a table cell.
    QString line() const { return text().simplified(); }
    const char* what() const noexcept override;

protected:
    explicit Failure(QString message, QString detail = {}, QString hint = {});

private:
    QString m_message;
    QString m_detail;
    QString m_hint;
    QByteArray m_what;
};
