import { useState, type FormEvent } from 'react';

/** A search box and a status filter; the search runs on submit so each keystroke is not a call. */
export function SearchBar<S extends string>({
  label,
  statuses,
  status,
  onChange,
}: {
  label: string;
  statuses: readonly { value: S | ''; label: string }[];
  status: S | '';
  onChange: (next: { search: string; status: S | '' }) => void;
}) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ search: text.trim(), status });
  };
  return (
    <form className="ca-search" role="search" aria-label={label} onSubmit={submit}>
      <input type="search" aria-label={`Search ${label.toLowerCase()}`} placeholder="Subject, serial, template, requester" value={text} onChange={(e) => setText(e.target.value)} />
      <select aria-label="Status" value={status} onChange={(e) => onChange({ search: text.trim(), status: e.target.value as S | '' })}>
        {statuses.map((s) => (
          <option key={s.value} value={s.value}>{s.label}</option>
        ))}
      </select>
      <button type="submit" className="button button--subtle">Search</button>
    </form>
  );
}
