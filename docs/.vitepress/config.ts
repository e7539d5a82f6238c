import { defineConfig } from 'vitepress';

/** The sidebar, exported so a test can check that every entry has a page. */
export const sidebar = [
  {
    text: 'Start here',
    items: [
      { text: 'Introduction', link: '/' },
      { text: 'Getting started', link: '/guide/getting-started' },
    ],
  },
];

export default defineConfig({
  title: 'acme auth template',
  description: 'Secure login for a new Node web project, from its first commit.',
  cleanUrls: true,
  // A dead internal link fails `vitepress build` (the default); keep it that way.
  ignoreDeadLinks: false,
  themeConfig: {
    nav: [{ text: 'Guide', link: '/guide/getting-started' }],
    sidebar,
  },
});
