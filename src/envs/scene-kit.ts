/**
 * What every game scene shares: a Phaser scene that draws the latest snapshot (it holds no game rules) and
 * turns the keys a person holds into an action. The host element drives time and feeds snapshots.
 */
import * as Phaser from 'phaser';

export const SCENE_WIDTH = 640;
export const SCENE_HEIGHT = 400;

/** Colours of the game canvas. */
export interface ScenePalette {
  background: number;
  ink: number;
  muted: number;
  accent: number;
  good: number;
  bad: number;
  warn: number;
  surface: number;
}

export const DEFAULT_PALETTE: ScenePalette = {
  background: 0x10131c,
  ink: 0xe7e9f2,
  muted: 0x6b7190,
  accent: 0x818cf8,
  good: 0x4ade80,
  bad: 0xf87171,
  warn: 0xfbbf24,
  surface: 0x222634,
};

/** Arrow keys and WASD, by the direction a person means. */
export interface HeldKeys {
  left: boolean;
  right: boolean;
  up: boolean;
  down: boolean;
}

/** Where a rows×cols board sits on the canvas: square cells, centred, under the status line. */
export interface GridLayout {
  left: number;
  top: number;
  cell: number;
}

export function gridLayout(rows: number, cols: number): GridLayout {
  const top = 36;
  const cell = Math.floor(Math.min(SCENE_WIDTH / cols, (SCENE_HEIGHT - top - 8) / rows));
  return { left: (SCENE_WIDTH - cell * cols) / 2, top, cell };
}

/** The usual mapping for three actions push-left / stay / push-right: ← = 0, → = 2, none or both = 1. */
export function leftStayRightAction(keys: HeldKeys): number {
  if (keys.left && !keys.right) return 0;
  if (keys.right && !keys.left) return 2;
  return 1;
}

export abstract class SnapshotScene<S> extends Phaser.Scene {
  protected palette: ScenePalette = DEFAULT_PALETTE;
  protected graphics!: Phaser.GameObjects.Graphics;
  protected label!: Phaser.GameObjects.Text;
  private snapshot: S | null = null;
  private cursors: Phaser.Types.Input.Keyboard.CursorKeys | null = null;
  private wasd: Record<'w' | 'a' | 's' | 'd', Phaser.Input.Keyboard.Key> | null = null;
  /** Called once per rendered frame with the elapsed ms, so the host can advance its simulation. */
  onFrame: ((deltaMs: number) => void) | null = null;
  /** Called once the scene exists and listens to the keyboard. */
  onReady: (() => void) | null = null;

  create(): void {
    this.cameras.main.setBackgroundColor(this.palette.background);
    this.graphics = this.add.graphics();
    this.label = this.add.text(12, 10, '', {
      fontFamily: 'system-ui, sans-serif',
      fontSize: '15px',
      color: '#' + this.palette.ink.toString(16).padStart(6, '0'),
    });
    const keyboard = this.input.keyboard;
    if (keyboard) {
      this.cursors = keyboard.createCursorKeys();
      this.wasd = keyboard.addKeys({ w: 'W', a: 'A', s: 'S', d: 'D' }, false) as typeof this.wasd;
      // Keys stay usable by the rest of the page (sliders, text fields) unless the game has focus.
      keyboard.disableGlobalCapture();
    }
    this.onReady?.();
  }

  override update(_time: number, delta: number): void {
    this.onFrame?.(delta);
    if (this.snapshot) {
      this.graphics.clear();
      this.draw(this.snapshot);
    }
  }

  /** Shows a new state; it is drawn on the next frame. */
  show(snapshot: S): void {
    this.snapshot = snapshot;
  }

  heldKeys(): HeldKeys {
    const c = this.cursors;
    const k = this.wasd;
    return {
      left: Boolean(c?.left.isDown || k?.a.isDown),
      right: Boolean(c?.right.isDown || k?.d.isDown),
      up: Boolean(c?.up.isDown || k?.w.isDown),
      down: Boolean(c?.down.isDown || k?.s.isDown),
    };
  }

  /** The action a person asks for with the held keys, or null for "no input" (the host decides what then). */
  abstract keyAction(keys: HeldKeys, snapshot: S): number | null;
  protected abstract draw(snapshot: S): void;

  protected text(value: string): void {
    this.label.setText(value);
  }

  /** Fills the background of a rows×cols board and returns where its cells are. */
  protected drawBoard(rows: number, cols: number): GridLayout {
    const layout = gridLayout(rows, cols);
    this.graphics
      .fillStyle(this.palette.surface, 1)
      .fillRect(layout.left, layout.top, layout.cell * cols, layout.cell * rows);
    return layout;
  }

  /** Draws the round item (a ball, food) that sits in the cell at (row, col) of a board. */
  protected fillBall({ left, top, cell }: GridLayout, row: number, col: number): void {
    this.graphics
      .fillStyle(this.palette.warn, 1)
      .fillCircle(left + (col + 0.5) * cell, top + (row + 0.5) * cell, cell * 0.35);
  }

  /** Fills the polygon of a rectangle of size w×h centred on (cx, cy), turned by `angle` radians. */
  protected fillRotatedRect(cx: number, cy: number, w: number, h: number, angle: number): void {
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const corners = [
      [-w / 2, -h / 2],
      [w / 2, -h / 2],
      [w / 2, h / 2],
      [-w / 2, h / 2],
    ].map(([x, y]) => new Phaser.Math.Vector2(cx + x! * cos - y! * sin, cy + x! * sin + y! * cos));
    this.graphics.fillPoints(corners, true);
  }
}
