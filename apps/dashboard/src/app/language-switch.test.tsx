import { act, fireEvent, screen } from '@testing-library/react';
import { renderWithApp } from '../test/render-with-app';
import { TaskBoard } from '../tasks/task-board';
import { LanguageSwitch } from './language-switch';

describe('<LanguageSwitch>', () => {
  it('switches every label to English and remembers it', async () => {
    localStorage.clear();
    renderWithApp(
      <>
        <LanguageSwitch />
        <TaskBoard />
      </>,
    );
    expect(screen.getByText('Czekają')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('language-en'));
    });
    expect(screen.getByText('Waiting')).toBeTruthy();
    expect(screen.getByText('Done today')).toBeTruthy();
    expect(localStorage.getItem('opiekun.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
