#pragma once

#include <QDialogButtonBox>

#include <initializer_list>

class QComboBox;
class QDialog;
class QHBoxLayout;
class QLabel;
class QLineEdit;
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
    // A read-only table of findings, whose text columns (wrapped) share the width the other
    // columns leave; no row numbers.
    static void setUpFindingsTable(QTableView* table, std::initializer_list<int> textColumns);
    // A row whose first widget (a status, a setting) takes the width, the controls at its right.
    static QHBoxLayout* wideRow(QWidget* wide, std::initializer_list<QWidget*> controls);
    // A label for what a window is doing or what came of it: plain text (it quotes server messages
    // and names, never markup), wrapped.
    static QLabel* statusLabel(QWidget* parent, const QString& objectName);
    // Sets a status label's text, plainly or in the colour of an error.
    static void showStatus(QLabel* label, const QString& text);
    static void showProblem(QLabel* label, const QString& text);
    // A text field, with an example or the default in grey while it is empty.
    static QLineEdit* lineEdit(QWidget* parent, const QString& objectName, const QString& placeholder);
    // A box of the isolation models by name, each item's data the model (as int).
    static QComboBox* isolationModelBox(QWidget* parent, const QString& objectName);
    // A read-only view of SQL or of a comparison: a fixed-width font, lines not wrapped.
    static QPlainTextEdit* codeView(QWidget* parent, const QString& objectName);
};
