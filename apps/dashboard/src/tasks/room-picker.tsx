import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app-context';

/** Rooms by number, grouped by floor, with a quick search for a carer who knows the number. */
export function RoomPicker({ value, onChange }: { readonly value?: string; readonly onChange: (node: string) => void }) {
  const { t } = useTranslation();
  const { facility } = useApp();
  const [query, setQuery] = useState('');
  const q = query.trim();
  const groups = facility
    .roomsByFloor()
    .map((g) => ({ ...g, rooms: g.rooms.filter((r) => r.id.includes(q)) }))
    .filter((g) => g.rooms.length > 0);
  return (
    <div className="room-picker">
      <label className="field field-inline">
        <span>{t('newTask.roomSearch')}</span>
        <input
          inputMode="numeric"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            const only = groups.length === 1 && groups[0]!.rooms.length === 1 ? groups[0]!.rooms[0] : undefined;
            if (e.key === 'Enter' && only) {
              e.preventDefault();
              onChange(only.node);
            }
          }}
          data-room-search
        />
      </label>
      {groups.length === 0 && <p className="note note-muted">{t('newTask.roomNone')}</p>}
      {groups.map(({ floor, rooms }) => (
        <div key={floor.id} className="room-group" role="group" aria-label={t('newTask.floorRooms', { floor: floor.name })}>
          <span className="room-group-title">{floor.name}</span>
          <div className="room-grid">
            {rooms.map((room) => (
              <button key={room.id} type="button" className={value === room.node ? 'room-button selected' : 'room-button'} aria-pressed={value === room.node} onClick={() => onChange(room.node)} data-room-choice={room.id}>
                {room.id}
              </button>
            ))}
          </div>
        </div>
      ))}
      {value && <p className="note note-ok">{t('newTask.chosenRoom', { room: facility.placeName(value) })}</p>}
    </div>
  );
}
