import type { Plugin } from 'vite';
export declare const MNIST_ASSET_PATH: string;
export declare function readMnistPackage(): { label: number; raw: number[] }[];
export declare function encodeMnistAsset(digits?: { label: number; raw: number[] }[]): Uint8Array;
export declare function mnistAssetPlugin(): Plugin;
