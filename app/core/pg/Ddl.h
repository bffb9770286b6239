#pragma once

#include "pg/PgConnection.h"

#include <QString>

// Statements that name objects (schemas, databases, tables, roles), built from identifiers quoted
// by the connection and fixed keywords, never by filling placeholders of a template: a name may
// hold quotes, a newline, a comment marker, $1, %1 or {braces}, and stays one identifier.
// The statements are returned as text, to be run (execScript) or shown in a plan.
class Ddl {
public:
    // What a GRANT or REVOKE is on.
    enum class On { Schema, AllTablesInSchema, AllSequencesInSchema, Database };
    struct DatabaseOptions {
        QString copyOf;          // TEMPLATE, copied with STRATEGY WAL_LOG; empty: template1
        bool isTemplate = false; // IS_TEMPLATE true
        bool closed = false;     // ALLOW_CONNECTIONS false (opened by openDatabase())
    };

    explicit Ddl(const PgConnection& c)
        : m_c(c)
    {
    }

    // schema.name, each quoted.
    QString qualified(const QString& schema, const QString& name) const;

    QString createSchema(const QString& schema) const;
    QString createSchema(const QString& schema, const QString& owner) const; // AUTHORIZATION owner
    QString dropSchema(const QString& schema) const;                         // IF EXISTS ... CASCADE

    QString createDatabase(const QString& database, const QString& owner) const;
    QString createDatabase(const QString& database, const QString& owner, const DatabaseOptions& options) const;
    QString dropDatabase(const QString& database) const; // IF EXISTS
    QString renameDatabase(const QString& from, const QString& to) const;
    QString openDatabase(const QString& database) const; // ALLOW_CONNECTIONS true

    // privileges are keywords ("SELECT, INSERT", "USAGE"), never a name.
    QString grant(const char* privileges, On on, const QString& object, const QString& role) const;
    QString revoke(const char* privileges, On on, const QString& object, const QString& role) const;
    QString revokeFromPublic(const char* privileges, On on, const QString& object) const;
    // ALTER DEFAULT PRIVILEGES FOR ROLE creator IN SCHEMA schema GRANT SELECT ON TABLES TO role:
    // role reads the tables creator makes there from now on.
    QString grantSelectOnFutureTables(const QString& creator, const QString& schema, const QString& role) const;

    // LOCK TABLE ... IN ACCESS SHARE MODE: held to the end of the transaction.
    QString lockForReading(const QString& schema, const QString& table) const;

private:
    QString q(const QString& name) const { return m_c.quoteIdentifier(name); }
    QString privilege(const char* verb, const char* privileges, On on, const QString& object) const;

    const PgConnection& m_c;
};
