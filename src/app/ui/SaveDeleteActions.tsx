/**
 * The foot of a record's form: "Lưu" and, for a record that already exists, "Xoá" — the same place,
 * order and look on every form, and both disabled while a save is running.
 */
export function SaveDeleteActions({ saveLabel, deleteLabel, busy, onDelete }: { saveLabel: string; deleteLabel: string; busy: boolean; onDelete?: (() => void) | undefined }) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary" disabled={busy}>
        {saveLabel}
      </button>
      {onDelete ? (
        <button type="button" className="button button--danger-outline" onClick={onDelete} disabled={busy}>
          {deleteLabel}
        </button>
      ) : null}
    </div>
  );
}
