/**
 * The CartPole agent of the home page's preview: the online Q-network (float32, little-endian, base64url) of
 * the arena's DQN with its CartPole-v1 preset, seed 4, trained for 6,000 env steps by
 * `node scripts/train-home-policy.mjs 4`. Its greedy policy averaged 500.0 over 100 episodes
 * (evaluation seed 2026; 500 is the most an episode can earn). Generated: do not edit by hand.
 */
export const HOME_POLICY = {
  activation: 'relu',
  envSteps: 6000,
  evaluationMean: 500,
  layers: [
    {
      name: 'online/hidden_0/kernel',
      shape: [4, 32],
      data: 'LjmOPcGVfj3GvyW-NU5gvm5zOLzbJEk6IOhGvFfrET0NzM895INXvUQvfT3QQI--qCxsPeJcJr1eaJK9gRXKva1SZL5DKL69EJBevS7HJ76MMMa86IAvvHEmwD1Cx4A9cF8Gvp_Jxzx_jcc9n112PMoAx75B2em-QDCCPN2X4711RZG98OKFvQwNBL0wfW08RnqzPVdqr7wePMo6XRQEPEV997s9BK08r36zPPjzqD2JphC8RIErvR2hvbwk4R4_UQD4PXVXLz223NI9y0F1vDBCkD5Jpwu9oULYvcRs8rxJlZk9BqiCPZuqij04OD480-IrPtE0gj5nZiw8UQhuPeo5a0BA-kbA7T9MQFC_VMD2DEVAa64-wNflO8BaFyNA2Bw0QGejOkDixWRAp3lpwIeWV0AmQDPALcoyQKu72D8IPFnAhxFjwDUZlMAIRDbAEE4DQK2POsDMV-6_4TJbQNooicAn0Q6_0XpuwMUVTUA7jJy87KLkP0opYEDjw1PALD2cPjMD5b1IQnk-loqhvuEh4z4zUK6-CxeVvnS6tD6NPsE-r_2vPmqb2z6Gmda-qRC5Ptuynb4HLs8-hGkJv4WGlb6MWLq-oUXgvt9Xx75mPo89bCuxvj1DkD27Tr0-u7HVvpZ5iz1WkbK-71vJPkwbBT4_PHW9h9q4PjMEzL4',
    },
    {
      name: 'online/hidden_0/bias',
      shape: [32],
      data: '-Np6P6mzOz_65_a-qkNlP-IDaj_mbVs_XOFSP9FyKT_W7jg_P0FXPzlfgz-LU2E_lN91PxbPTj-VD0Q_B3qLPt0tZD_jABm_0lFHvykDUz8nuA0_0PNYP7ke1z7kK3c_m2U4vyhw9T5Tcao-PUp3P8YgGD8sYeQ-iwx9P2Dwaj8',
    },
    {
      name: 'online/hidden_1/kernel',
      shape: [32, 32],
      data: '8suAP9X0gr5H3SE_2sd7vrQnIz9FuoC-zwMiPx6Wbj_ry5y9OhtMPrw5rj3-VX--p97GPp-3Zz4YF5rAtIQiwNzepz6z-_Y-UaJNPxPZGj-O2H4_Quu8Pp70icDxS0o_mkSnvjnBGz-DEBs9fudgP0OvPj8u5Vc-yOduPxk1vj5Kxh0_EVMkvhOfkL8DmCi-F0CdPho9lr1MHM8-rB82P8qAAr4gsVG9kJasvB-JbL6SkP8-wEF-PrZ_Aj9SjHw_W52qPkQYS8ADHi4_L6WCvYMAvj6sH6s-UwHPPocU67_gDhw-HHUCP0CkPT6K7rM-hStEPi34-b0hd0O89HpbwMGNjb9Ido6-hcmgP0LNZL0Hd2O_yySSPcU98r7UZDK_6s97vll17j24GKw9M9OEPZ-jpT9YJVo_ebN5vsrDmD2itGA_aHu6P8afW7-jAju_Q21wv6sxib4rMpi-y0qWP3mfij6JtS2_udo0PeTzcr__E1u_vM9SPrTDSr9sXbs_PWRJP8MiNb6jD0TA8COKPsxwuj6Lm5q-AY_rProBLz_67hC_uyWuvS7onr5kYS--DjERuiM9-b6scic_ettpP8YhoL029XPA8-M7P6ApIj_Yqi4_jcFYPs6JDD_lZFDAA8M-vupDvD7--vO9cu3xPvk7VD_cgyE-DjUrPxcoisCPtbA_rfaivdhUZz_RBuO9Hj9OP-hQT7558n4_M3aIP2Cf3z2rEYk9V19JvvWQRD7GH9s-_ECDPn4UkMAOoI7AR2CJPRLTEj8PTIY_JHVyP4IzmT9Ftiw_gRSJwNfeWj931qO-jY1oPwBXmb48C4k_tvhFP88oDj7o3pk_K0wDPwhKYj9vu4y-EvdawCua77sZAi4-KDq8PUMxOj_Iz_Y-GQpSPtcKbb7OCGS-svipve4h9zvzHtS-mmEjPnHfjj8Zc869KBVGwFzmpz4aAPA-do9JP1MbBD-58Eg_QHp2wIkXnr2eox0_GBeJPVWrXD6LDNM-D2EsPvDeAD_2Z1bAcUmOPtlyjr63iWXAKp9XPjRZzz7_b3697MD4PuP-MD9xgZU8oI1gvit-E76Av4I-aktlPOPSK74NJqI-Tpp8P5UUaD38C4TA8XiRPmEDGT98Ptg-_tsaP-Fx7z5ERIXASMYhPfalAT9Jahw-w2MsPm8lDT-wVTa-5c2RPhu3lMAl6Oy-zoAPvpVLYz-Hif-9zNaxv87UJL74CNq-VckavygoZj5zVFW-6xhvPTy5n75vxwm_FKr6Pn_PgL9iPpbAfiISvvTK-D5soTw-xSRNv0J2Zr9THHW-myatv7fjcD8QqOY9PZWHvsVLTb4lRLy-1Ny2vh65ND7-WBy_pEhdP09rdb4jEB8-LjSLPyruNz41Qo-_gagFPdHVLb8VZE2_6aSGvenU1D3N9Yk83G95vljzJb8d66g-h8bivk__pcDI_Os9PsctPxiPszzIe0y_gSyFv3DPN79MEQLAOJBZP-xWhz7j4xS_a8ihvunG3b4-rO--B-ODvpLO0b4VpjE_g_VJP-TNmb6LBzw_7u3iPV21cD9WZHm-TK2BP9VNkz_kEG2-v2fCve_Jpb64v2g-uvYZPgeV8z4gbWPAl4EJwEmA4T6ZQwY-2nulP-8ZNz9uQIg_-acaP_N1GcCvNTI_Qny7PQQEDD8XnB29D09aP6yZIj-AL4K-wMBUP47jxr27yHA_1CKovTwTMz_fpEE89A2QPhK5vj1tsSk_EyYeP2cHR75nXAs9o19sPjwPTr7HorQ-Te8-Pzg5q8Df7YvAex7mPnHE8z7F5nc_qQQaP4txJT-tMQs_vaWjwHTbqD5TcSs9wRtqPwWHfD7YiQI_NbfkPj0OgL70ylQ_FxLwPkfHvj5lSFU-dQ-gwAte6TuTboa-TNoRPoEKvT7vD7U-q0WGvlueB748Hpy-LwTrvVXnJb8nz1i-xs-QPsm1gz9ZJD-_W8zzvwtcvz6hdjM_uIDwPoln6T4sI_w-eX2EwKKNn724XCQ_G4mLvkjGJj8PHoc-lkwhPTYnLT_ixtC_1TRzP2ULaz2s7Fo_DkTOPYVdMT-UKvu8WlIaP3qUWT_OI2O9mWF7vcN-nT2CHyI-rjXZPlkvAD-CKpjA0UBRwOmkqz49u10-sn82P5eqVj85_z8_guFeP-mtccC_GzI_m1Mzvpj1_z4j2XS-uN1xP8GnMz_lZIq-V8owPzA04D4RBlU_BOyCPk9lJcBofF6-HtrZPfZqBT4sEwM_PDQ6P-Ped74PkjO-1h6Mvhw0HD11wxe9Pb2-PVwqED8XeYo_3figPRb2Z8DyoAU_a7VPPtdG4j5B1vg-xQDbPtxHWcAyIZs9OEf0PXVmpL101uU-Ht_MPlqVRDw_Gws-nQiZwM2_Q7-5oYU-bXOkP4wpZr4rIYa_QyaZveoNT7-FNy2_iY-2vYe8K75M3A--oO4UPmqpbz4hG0k_CKfyPqxaxcCvh8U-eTYUP8YPOr7Afie_64siv2OPB7_9Ccq_TQVcP4KLuD2Nx8O-WAkNPmRwJL5mehe_3FObvdE4QL_eWEo_iNWSvoSK-r0GKw2_PEdWvkLiu7-2OJm-1gKaPhycSz0tAOM-UI81vtCNPj55jX6-tCsdvphAQj8SOHg-02gDv0O8yD8PpwJAoNftvsLBVz5TSpw-Onp-vrZpRb_bkok_Wz1avpeH173IRUw-mxGNvg1UwLxBKGY-VVyEPnxIEUBgUto-1rNsPnodbMCCx4g9z5vkPuaOnb2v3QA_VtU1Pyo_C73fDDM-QI2_vdHbib6R3d09gC_Bvri9jj5uKGw_BrnvvbwnRsBnbUk_9nlFPzWyHD8clLg-YB4lPwYlcsA-3z--cYucPnoQEz4xlC4_G1j5PqpWAr6USDY_0z8xwJI1IL9Ndou8vAB8Pj0goD0eKpzASvozPlzBjr8SEpG_fO0NvjNDib4t4P-9LkmYvkENnsDwK-K_IYC0P8kxYz-VMY_Ak6nRPT0LK7-9mIa_2h-JvzXDNb-vTZ4_rNNSPgggVr4GgVS_J4Jsvci5RL_rIoC_AXbYPKsXWL_jqD-94IkEPlxh-j3Xj4q-zLT3PeLReMCU8JO-rTFMvt0x0T09LDm-czSIPamUa75iAZG-VtyKwD79FcCtflU_iOgKPyesacAmqJe-3FIAP8GN5T4JIFm9biLyPs_IMj9praG-KQiJvkhFjT4aWSW9gbMiP7005T0Wf5G9rxQ0PiQFlrzttzk_k1sXvqkdacAK6oU9Ly0pviEdvr19Vsw-pT9LPyIcsr3wbrc9www2PiRK_b0nnim99yI_vx5UHz_LNAI_IV8yvSeqIcAqA_4-m2uSPuhkeD6d1Cg_AwcnP3Qnb8ATUiG8fw44P1Pftr05gS0_yAAOP9VWBz1ig_M-dEtGwPxy8z55fqa9twoTP2F1-L1XdCU_b9qEvuII6T5LAKI-jUlsPrg8nr0nOg0-itLzPUrkxz4Lty4-R64XwOq9nb5q_D8_MhDfPmTTkD7O8Jo9j7iHPtWn6T4RTtK_qV0LP8YzUT5qBL0-i0GGvsbwBj0aLwc_xlaJvfVxdD21eaM9jenqPjoPaL6YlFzA6W-NvuiB-j5EhI2-K60bPzYqFT_5XhY-HDxxvkcLqr003Ae-e6MRvU_0mb12oxs_FxJCPwi-C77Zml_AfW1KP6fMiD5tecM-oPArP0NOYz9UF4PAjgYAvsXqAj_U6rA9PxBCP5o9GD_-Oss8yPQVP1yvh8CmY64-BnaMvobWfL9D70W-9twVP_A-Ebxqmfg9TJeQvQnFcD2kuhW-HMyBvY1CbD4QYoM-JisXPrgxwr0zSaQ-UbeavKF-8r_mAFk-ypAuPmLrFr6CQ4k9uEQUPn49o7_Crh4-OgN8PodEwrzAJoO9SqEuvW5liL4Q1b49pzzbv5tcYD-hky6-tQpHP424Ub4dW1Y_Y_QcPg9pWj--qnk_WI2fPvKoWj6-d_697ewJPVHLBD8H4Nw-qVifwGWEhsAQO8M8E9_VPlHfhj9WhIs_X9kyP05jfD8iwYnAEFxNPw1N4bv3g0A_FklyvV-waj9W_oo_-q5UPoK2HD-HRpM9lJsMv3n6Z77ctYO-duV1vgKMkcBMSew945B1v4VNsr5ZLtC91zz6vYN22z21c48-uF-UwAEd-r9duMs_siwrP8Bmj8AeYsk8mgDzvP0f9L4asvW-ts-0vpWImT8Jzls-RN19vjeNMr89R5O-mitIvDFcOb9mXEw-Gt0mvr4Pl731XUU-HflmvnWPED8EDXO9H0HtPsPIAj0VUtU-_KoIP6KpnT7dksW9qdN7PZOJSj7s3v4-PjfpPo3D874qFWw-FpPSPuzANb_oACY_zsqAPrk4Ij-miQI_8XtVPiU5ujyOzAc9t2mhPJxzmL6gSpU8ADatPtVdAb1hZgg_U7ESv1rWjb7S9Yw-RiRWPsXI2TxuF5u96gwlvik_L77MMg-_BeHtPlauWD7MWo4-iurHvaC2C0ClLwa-GpIlP78plj-9ffE_a8xnPo63974JXIM9t7QRPMB0lr4tbH0_e9MAv8c5Nr35Rj6-KWQJvjIqjz0r2mw-jvoPPrBeoj6uh5W92QqNP-H7S76ufV4_Jm5fvvEOHT_57AW-P5o0P-nJhT-sy4A-EXO1PXYPMr5n7Iq-SFJPPvZHPj_IS6XAnLZxwN7Qtz4OgcQ-eWhMP-ZThT9sGSI_X6McP3OWl8CiSZg-P44mPo5Cbz83DE68M4eGPxWtJT_vGpW-vm1FP1Nqtj4ndiE_lkEvPhMRXj9TIgC-IG97P1C03j0l1m8_siw4Pxi-nL4gHSm-I5ETvtMTSb4BS0I_GhKOPt3ZWL1PMLI9Nz8pP_8LEr40BGQ_uk_7Pl6kTD_KXQc_pPeRPtoMaj8-fqK-BZUnP6xboL3Z0b0-UkMjP5lZ271g6Mg9U0_ovLxQEj8A-HM-vSerPwbjjb3__x09PmRcve-1WD-vZ9s-QsnGvhWup77-kZm-v4savhLbgD-zpQ4_RB2Fv_q1Yb1O6x0_eZUEPsxseT7E6wE_faAmP0qWHj1YbHy_-81QP_aaQz0LoZU-XW5qPma9Bj8NHAU_euUbvph9Pz6YH0o7PCSDPzB4er56Ycs-E-J8vmj9Oz9zSQi9BBnMPlFPWT9pu3Q9sk1rvoniA76QisK9wlYJPxtGCj_DT7bA_PQIwIi0pD5qMzQ9z71tP5pvLD-sTlU_w6fVPtkjl8BasE8_jMWYvvPxHT9s8yw-KmdNP2T7Rz-yJDY-Qh3zPgL7Zj5GjPU-zx_dPahbhsC6Fn2-emKsviOIzL1FGI0-mZK6PuzyBz3I7o4-CtjSPVzb170iObK--3YbvnLJwT4ozyg_WAPEPVObLMAkxOM-Z5noPv16Wz4kNQA_9SWnPhwOj8C8mmO-kSnKPpKOPb7_IPM-Dgf9PpcJrr7O2v491D8ZwA',
    },
    {
      name: 'online/hidden_1/bias',
      shape: [32],
      data: 'I7KQPhzXp7wQcp4-cA-CvMXZvT4AAAAAi5GGPmrCxz74rFA9iGkVvK-e3rxI3ie9VJ9MPh_HPj5HVWK-FM7ZPqMXez6v9VS-Z_6nPhs3Aj5xp2w-nsCtPTMJMD2rkUU-CJGovA4nBT4uqqO8jznJPRIQDz7gHS69SR7cPWGiuL4',
    },
    {
      name: 'online/value/kernel',
      shape: [32, 1],
      data: 'E49kP5Sizr7A8gHAXzqqvs8VAUD6Zq4-_UKXPzu3hj8CNEi_pmlcvhUhDb5nXHG-QkU9vLfuWr8VhvG_U2IdwKh4275mSBjAnKo3PxZnZz8uj4w_KOOGP3qLIcB2wSPA6a8Svlriez863Ye-Uv5HPyJdjD_LrV2-qIZwP_1OAMA',
    },
    {
      name: 'online/value/bias',
      shape: [1],
      data: '8_PKPA',
    },
    {
      name: 'online/advantage/kernel',
      shape: [32, 2],
      data: 'y3ovPJXAHb9Ttby-on9pPsaC0L9T8QtACRHUPoBYjb6Ow-K_mHPuPxvTuT55f6i-zhxJPr6TGD4HGjw-peaqvgZeBb9A3U8-WgmEvRG1Uz7_1sC9jku_PqHVij5OCGg8mArfv-Dm0j9zAfQ-_nc3vnX_j8AOmphA2CkgQLd5I8CkKXG_8NCWPygcNEAHQyLAoncJP6b9vb6nt0M-QzMKPtA0Sz010ly8BJQePv7F171_Y6a_0QiyPypkmL9NM4M_ohL_PMjEuL3mH2Q-qaOYvRF7oj43mgw983vsuzmU1r4RPQ69NIk2vsif0z70xNE--eBCPgtGwj1l04BA4Z6IwA',
    },
    {
      name: 'online/advantage/bias',
      shape: [2],
      data: 'KGxmPihsZr4',
    },
    {
      name: 'online/dueling_merge/kernel',
      shape: [3, 2],
      data: 'AACAPwAAgD8AAAA_AAAAvwAAAL8AAAA_',
    },
  ],
} as const;
