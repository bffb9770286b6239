#pragma once

#include <QDialogButtonBox>

class QDialog;
class QLabel;
class QPlainTextEdit;
class QTableView;

// Pieces the dialogs build the same way, so they look and behave alike.
class DialogParts {
public:
    // A button box with these buttons, whose Close or Cancel rejects dialog (as Escape does); the
    // caller lays it out, adds buttons of its own and connects what accepting means.
    static QDialogButtonBox* buttons(QDialog* dialog, QDialogButtonBox::StandardButtons standard);
    // A read-only table of results or jobs: no row numbers, rows one line high, the last column
    // taking the rest of the width.
    static void setUpResultTable(QTableView* table);
    // A label for what a window is doing or what came of it: plain text (it quotes server messages
    // and names, never markup), wrapped.
    static QLabel* statusLabel(QWidget* parent, const QString& objectName);
    // Sets a status label's text, plainly or in the colour of an error.
    static void showStatus(QLabel* label, const QString& text);
    static void showProblem(QLabel* label, const QString& text);
    // A read-only view of SQL or of a comparison: a fixed-width font, lines not wrapped.
    static QPlainTextEdit* codeView(QWidget* parent, const QString& objectName);
};
